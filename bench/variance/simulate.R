# Writes the residual-variance benchmark datasets (not committed) into the directory given (default bench/results):
#   variance_crossed.csv  40,000 rows: 200 subjects x 200 items crossed, condition A/B within both, residual SD 1 (A)
#                         and 1.5 (B): rt ~ cond + (1 | subj) + (1 | item), varIdent(~ 1 | cond)
#   variance_nested.csv   20,000 rows: 2,000 subjects x 10 occasions, three groups between subjects with residual SDs
#                         1, 1.5, 2 and a covariate x: y ~ x + group + (1 | subj), varIdent(~ 1 | group) or varExp(~ x)
#   variance_nested_large.csv  the same design with 10,000 subjects (100,000 rows)
args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args)) args[1] else file.path("bench", "results")
dir.create(dir, showWarnings = FALSE, recursive = TRUE)
set.seed(2026)
ns <- 200; ni <- 200
d <- expand.grid(item = sprintf("I%03d", 1:ni), subj = sprintf("S%03d", 1:ns), stringsAsFactors = FALSE)
d$cond <- ifelse((match(d$subj, unique(d$subj)) + match(d$item, unique(d$item))) %% 2 == 0, "A", "B")
us <- rnorm(ns, sd = 0.6); ui <- rnorm(ni, sd = 0.4)
d$rt <- round(6 + 0.3 * (d$cond == "B") + us[match(d$subj, unique(d$subj))] + ui[match(d$item, unique(d$item))] +
              rnorm(nrow(d)) * ifelse(d$cond == "B", 1.5, 1), 5)
write.csv(d[, c("rt", "cond", "subj", "item")], file.path(dir, "variance_crossed.csv"), row.names = FALSE)

nested <- function(nsub, nocc, file) {
  e <- data.frame(subj = rep(sprintf("P%04d", 1:nsub), each = nocc), x = round(runif(nsub * nocc, 0, 3), 4))
  e$group <- rep(c("g1", "g2", "g3"), length.out = nsub)[match(e$subj, unique(e$subj))]
  sd_group <- c(g1 = 1, g2 = 1.5, g3 = 2)
  u <- rnorm(nsub, sd = 0.8)
  e$y <- round(2 + 0.5 * e$x + 0.3 * (e$group == "g2") + u[match(e$subj, unique(e$subj))] +
               rnorm(nrow(e)) * sd_group[e$group] * exp(0.1 * e$x), 5)
  write.csv(e[, c("y", "x", "group", "subj")], file.path(dir, file), row.names = FALSE)
}
nested(2000, 10, "variance_nested.csv")
nested(10000, 10, "variance_nested_large.csv")
