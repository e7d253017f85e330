# Reference values for the MixedEffects distribution and p-value adjustment tests.
# Regenerate from the repository root with:
#   Rscript tests/MixedEffects.Tests/Distributions/distributions_reference.R
# It writes tests/MixedEffects.Tests/Distributions/distributions_reference.json.
suppressPackageStartupMessages({ library(jsonlite); library(emmeans) })

out_file <- "tests/MixedEffects.Tests/Distributions/distributions_reference.json"

# JSON has no Inf/NaN: non-finite numbers are written as the strings "Infinity", "-Infinity", "NaN".
enc <- function(x) {
  if (length(x) != 1) return(lapply(x, enc))
  if (is.na(x) && !is.nan(x)) return("NaN")
  if (is.nan(x)) return("NaN")
  if (is.infinite(x)) return(if (x > 0) "Infinity" else "-Infinity")
  x
}
rows <- function(df) lapply(seq_len(nrow(df)), function(i) lapply(as.list(df[i, , drop = FALSE]), enc))

# Studentized range CDF (ptukey) over a grid.
grid <- expand.grid(q = seq(0.5, 8, by = 0.5),
                    nmeans = c(2, 3, 4, 5, 6, 8, 10, 12, 15, 20),
                    df = c(2, 3, 5, 10, 20, 50, 100, 500, 1000, Inf),
                    nranges = 1)
extra <- rbind(
  expand.grid(q = c(0.3, 1.7, 3.3, 5.1, 9.5), nmeans = c(2.5, 3.7, 7.3), df = c(2.5, 7.3, 66, 30000, Inf), nranges = 1),
  expand.grid(q = c(1, 2.5, 4, 6), nmeans = c(3, 6), df = c(5, 40, Inf), nranges = c(2, 3)),
  data.frame(q = c(0, -1, 3, 3, 3), nmeans = c(4, 4, 4, 4, 1), df = c(10, 10, 1.5, 1, 10), nranges = 1))
grid <- rbind(grid, extra)
grid$p <- mapply(function(q, nm, df, nr) ptukey(q, nm, df, nranges = nr), grid$q, grid$nmeans, grid$df, grid$nranges)

# Studentized range quantile (qtukey) and a tight root of ptukey for the same probability.
qgrid <- expand.grid(p = c(0.5, 0.9, 0.95, 0.99, 0.999),
                     nmeans = c(2, 3, 5, 10, 20),
                     df = c(2, 5, 10, 30, 100, 1000, Inf),
                     nranges = 1)
qgrid <- rbind(qgrid, expand.grid(p = c(0.95), nmeans = c(2.5, 4, 7.3), df = c(3.5, 66), nranges = c(1, 2)))
qgrid$qtukey <- mapply(function(p, nm, df, nr) qtukey(p, nm, df, nranges = nr), qgrid$p, qgrid$nmeans, qgrid$df, qgrid$nranges)
qgrid$root <- mapply(function(p, nm, df, nr, q0) {
  uniroot(function(x) ptukey(x, nm, df, nranges = nr) - p, c(q0 * 0.9, q0 * 1.1), tol = 1e-13)$root
}, qgrid$p, qgrid$nmeans, qgrid$df, qgrid$nranges, qgrid$qtukey)

# Tail probabilities down to 1e-15 and beyond.
tt <- expand.grid(t = c(0, 0.5, 1.96, 3, 5, 8, 12, 20, 40, 100), df = c(1, 2, 3, 5, 10, 30, 100, 1000, 1e6, Inf))
tt$two_sided <- 2 * pt(abs(tt$t), tt$df, lower.tail = FALSE)
tt$upper <- pt(tt$t, tt$df, lower.tail = FALSE)
tt$lower <- pt(-tt$t, tt$df)
ff <- expand.grid(f = c(0.1, 1, 3, 10, 30, 100, 1000), df1 = c(1, 2, 5, 20), df2 = c(1, 3, 10, 50, 1000, Inf))
ff$upper <- pf(ff$f, ff$df1, ff$df2, lower.tail = FALSE)
ff$lower <- pf(1 / ff$f, ff$df1, ff$df2)
cc <- expand.grid(x = c(1e-20, 1e-8, 0.01, 1, 5, 20, 50, 100, 200, 400), df = c(1, 2, 5, 10, 50))
cc$upper <- pchisq(cc$x, cc$df, lower.tail = FALSE)
cc$lower <- pchisq(cc$x, cc$df)
zz <- data.frame(z = c(0, 0.5, 1.96, 3, 5, 7, 8, 10, 20, 30))
zz$two_sided <- 2 * pnorm(-abs(zz$z))
zz$upper <- pnorm(zz$z, lower.tail = FALSE)
qt_ <- expand.grid(p = c(1e-15, 1e-10, 1e-6, 0.001, 0.025, 0.3, 0.5, 0.8, 0.975, 0.999999), df = c(1, 2, 3, 7, 30, 1000, Inf))
qt_$q <- qt(qt_$p, qt_$df)
qn <- data.frame(p = c(1e-300, 1e-15, 1e-6, 0.025, 0.5, 0.9, 0.975, 1 - 1e-12))
qn$q <- qnorm(qn$p)
qf_ <- expand.grid(p = c(0.01, 0.5, 0.9, 0.95, 0.99, 0.999999), df1 = c(1, 2, 5, 15), df2 = c(2, 10, 66, 1000, Inf))
qf_$q <- qf(qf_$p, qf_$df1, qf_$df2)
qc <- expand.grid(p = c(1e-10, 0.05, 0.5, 0.95, 0.999999), df = c(1, 2, 5, 30))
qc$q <- qchisq(qc$p, qc$df)

# p.adjust on a vector with ties (and one exact 1).
pv <- c(0.04, 0.0001, 0.02, 0.03, 0.02, 0.04, 0.2, 0.5, 0.011, 0.9, 1, 0.04)
padj <- lapply(c("none", "bonferroni", "holm", "hochberg", "BH", "fdr"), function(m) list(method = m, adjusted = p.adjust(pv, m)))
padj <- c(padj, list(list(method = "sidak", adjusted = 1 - (1 - pv)^length(pv))))

# emmeans on small lm fits: single-step and stepwise adjustments with their intervals.
emm_case <- function(name, fit, spec, method, adjusts) {
  emm <- emmeans(fit, spec)
  lapply(adjusts, function(a) {
    con <- contrast(emm, method)
    s <- summary(con, adjust = a, infer = c(TRUE, TRUE))
    list(dataset = name, contrasts = method, adjust = a,
         n_means = nrow(summary(emm)), n_contrasts = nrow(s),
         scheffe_rank = qr(con@linfct)$rank,
         estimate = s$estimate, se = s$SE, df = s$df, t_ratio = s$t.ratio,
         p_value = s$p.value, lower = s$lower.CL, upper = s$upper.CL)
  })
}
ins <- lm(count ~ spray, data = InsectSprays)
pg <- lm(weight ~ group, data = PlantGrowth)
wb <- lm(breaks ~ wool * tension, data = warpbreaks)
all_adj <- c("tukey", "sidak", "bonferroni", "holm", "hochberg", "BH", "fdr", "scheffe", "none")
emm <- c(emm_case("InsectSprays", ins, "spray", "pairwise", all_adj),
         emm_case("InsectSprays", ins, "spray", "trt.vs.ctrl", c("dunnettx", "sidak", "holm", "scheffe")),
         emm_case("PlantGrowth", pg, "group", "trt.vs.ctrl", c("dunnettx", "bonferroni")),
         emm_case("PlantGrowth", pg, "group", "pairwise", c("tukey", "scheffe")),
         emm_case("warpbreaks", wb, c("wool", "tension"), "trt.vs.ctrl", c("dunnettx")),
         emm_case("warpbreaks", wb, c("wool", "tension"), "pairwise", c("tukey")))

# emmeans' Dunnett approximation with a tight root (emmeans itself stops at 5e-4).
pdunnx <- get(".pdunnx", envir = asNamespace("emmeans"))
dx <- expand.grid(x = c(0.5, 1.5, 2, 2.5, 3, 4), k = c(1, 2, 3, 5, 9), df = c(3, 12, 66, Inf))
dx$cdf <- mapply(pdunnx, dx$x, dx$k, dx$df)
dq <- expand.grid(p = c(0.9, 0.95, 0.99), k = c(2, 3, 5, 9), df = c(3, 12, 66, Inf))
dq$q <- mapply(function(p, k, df) {
  lo <- qtukey(p, (1 + sqrt(1 + 8 * k)) / 2, df) / sqrt(2); hi <- sqrt(qf(p^(1 / k), 1, df))
  uniroot(function(x) pdunnx(x, k, df) - p, sort(c(lo, hi)) * c(0.99, 1.01), tol = 1e-13)$root
}, dq$p, dq$k, dq$df)

res <- list(
  generated_by = paste(R.version.string, "; emmeans", as.character(packageVersion("emmeans"))),
  ptukey = rows(grid), qtukey = rows(qgrid),
  pt = rows(tt), pf = rows(ff), pchisq = rows(cc), pnorm = rows(zz),
  qt = rows(qt_), qnorm = rows(qn), qf = rows(qf_), qchisq = rows(qc),
  p_adjust = list(p = pv, methods = padj),
  emmeans = emm,
  dunnettx_cdf = rows(dx), dunnettx_quantile = rows(dq))
writeLines(toJSON(res, digits = NA, auto_unbox = TRUE, pretty = FALSE), out_file)
