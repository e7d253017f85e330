# Large synthetic designs for the benchmarks, written to bench/results/data/ (the designs of the engine's targets):
#   nested3.csv    deep nesting, 500 districts > 10k schools > 50k classes, 400k rows
#   crossed1m.csv  1M rows, 6000 users x 3700 items crossed
#   long400k.csv   50k subjects x 8 visits, random intercept and slope per subject, 200 sites
# Run from the repository root: Rscript bench/simulate-large.R   (bench/generate-large.sh calls it)
set.seed(20261129)
out <- file.path("bench", "results", "data")
dir.create(out, recursive = TRUE, showWarnings = FALSE)
nd <- 500; ns <- 10000; nc <- 50000; n <- 400000
school_district <- sample(nd, ns, replace = TRUE)
class_school <- sample(ns, nc, replace = TRUE)
cls <- sample(nc, n, replace = TRUE)
sch <- class_school[cls]; dis <- school_district[sch]
x <- rnorm(n)
y <- 1 + 0.5 * x + rnorm(nd, sd = 0.5)[dis] + rnorm(ns, sd = 0.4)[sch] + rnorm(nc, sd = 0.3)[cls] + rnorm(n)
d <- data.frame(y = y, x = x, district = sprintf("d%04d", dis), school = sprintf("s%05d", sch), class = sprintf("c%05d", cls))
write.csv(d, file.path(out, "nested3.csv"), row.names = FALSE)
# crossed: 1M rows, 6000 users x 3700 items
nu <- 6000; ni <- 3700; n <- 1000000
u <- sample(nu, n, replace = TRUE); i <- sample(ni, n, replace = TRUE)
y <- 3 + rnorm(nu, sd = 0.6)[u] + rnorm(ni, sd = 0.5)[i] + rnorm(n)
write.csv(data.frame(y = y, u = sprintf("u%05d", u), i = sprintf("i%05d", i)), file.path(out, "crossed1m.csv"), row.names = FALSE)
# long panel: 50k subjects x 8 visits, (1 + t | subj) plus (1 | site) with 200 sites
nsub <- 50000; nv <- 8; subj <- rep(seq_len(nsub), each = nv); t <- rep(0:(nv - 1), nsub)
site <- sample(200, nsub, replace = TRUE)[subj]
b0 <- rnorm(nsub, sd = 2); b1 <- 0.3 * b0 / 2 + rnorm(nsub, sd = 0.5)
y <- 10 + 0.8 * t + b0[subj] + b1[subj] * t + rnorm(200, sd = 1)[site] + rnorm(nsub * nv)
write.csv(data.frame(y = y, t = t, subj = sprintf("p%06d", subj), site = sprintf("k%03d", site)), file.path(out, "long400k.csv"), row.names = FALSE)
