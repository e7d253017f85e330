# Large synthetic designs for the benchmarks. Writes bench/results/data/nested3.csv:
# deep nesting, 500 districts > 10k schools > 50k classes, 400k rows.
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
