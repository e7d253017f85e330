# Times glmmTMB (dispformula) and nlme::lme (weights = varFunc) on the residual-variance benchmark models.
# Run from the repository root after simulate.R:  Rscript bench/variance/bench.R [runs] [dir]
# Prints one JSON line per model: {model, engine, seconds (median elapsed, including reading the CSV),
# cpu_seconds (median user + system), logLik}.
suppressPackageStartupMessages({ library(glmmTMB); library(nlme); library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
runs <- if (length(args)) as.integer(args[1]) else 1L
dir <- if (length(args) > 1) args[2] else file.path("bench", "results")
read <- function(name) read.csv(file.path(dir, name), stringsAsFactors = TRUE)

models <- list(
  list(model = "crossed_varident_ml", engine = "glmmTMB", fit = function() {
    d <- read("variance_crossed.csv")
    glmmTMB(rt ~ cond + (1 | subj) + (1 | item), dispformula = ~ cond, data = d, REML = FALSE) }),
  list(model = "crossed_varident_reml", engine = "glmmTMB", fit = function() {
    d <- read("variance_crossed.csv")
    glmmTMB(rt ~ cond + (1 | subj) + (1 | item), dispformula = ~ cond, data = d, REML = TRUE) }),
  list(model = "nested_varident_reml", engine = "nlme", fit = function() {
    d <- read("variance_nested.csv")
    lme(y ~ x + group, random = ~ 1 | subj, weights = varIdent(form = ~ 1 | group), data = d, method = "REML") }),
  list(model = "nested_large_varident_reml", engine = "nlme", fit = function() {
    d <- read("variance_nested_large.csv")
    lme(y ~ x + group, random = ~ 1 | subj, weights = varIdent(form = ~ 1 | group), data = d, method = "REML") }),
  list(model = "nested_varexp_ml", engine = "nlme", fit = function() {
    d <- read("variance_nested.csv")
    lme(y ~ x + group, random = ~ 1 | subj, weights = varExp(form = ~ x), data = d, method = "ML") }),
  list(model = "nested_large_varexp_ml", engine = "nlme", fit = function() {
    d <- read("variance_nested_large.csv")
    lme(y ~ x + group, random = ~ 1 | subj, weights = varExp(form = ~ x), data = d, method = "ML") })
)

for (b in models) {
  times <- numeric(runs)
  cpu <- numeric(runs)
  m <- NULL
  for (r in seq_len(runs)) {
    t0 <- proc.time()
    m <- b$fit()
    t1 <- proc.time() - t0
    times[r] <- t1[["elapsed"]]
    cpu[r] <- t1[["user.self"]] + t1[["sys.self"]]
  }
  cat(toJSON(list(model = b$model, engine = b$engine, seconds = median(times), cpu_seconds = median(cpu),
                  logLik = as.numeric(logLik(m))),
             auto_unbox = TRUE, digits = NA), "\n", sep = "")
}
