# Times lme4 on the benchmark models on this machine.
# Run from the repository root:  Rscript bench/lme4/bench.R [runs]
# Prints one JSON line per model: {model, formula, seconds (median elapsed over runs,
# including reading the CSV from data/), runs, all_seconds, cpu_seconds (median user+sys),
# load_average (1-minute, after the runs; elapsed times mean little when it is high),
# evaluations, objective}.
suppressPackageStartupMessages({ library(lme4); library(jsonlite) })
invisible(Sys.setlocale("LC_COLLATE", "C"))
source(file.path("tests", "reference", "r", "common.R"))   # read_dataset()

args <- commandArgs(trailingOnly = TRUE)
runs <- if (length(args)) as.integer(args[1]) else 3L

bench_models <- list(
  list(model = "insteval_ml", dataset = "insteval", formula = "y ~ 1 + service + (1 | s) + (1 | d) + (1 | dept)",
       fit = function(f, d) lme4::lmer(f, data = d, REML = FALSE)),
  list(model = "fhch2010_slopes_reml", dataset = "fhch2010", formula = "log_rt ~ task * stimulus + (stimulus | id) + (task | item)",
       fit = function(f, d) lme4::lmer(f, data = d, REML = TRUE)),
  list(model = "sleepstudy_slopes_reml", dataset = "sleepstudy", formula = "Reaction ~ Days + (Days | Subject)",
       fit = function(f, d) lme4::lmer(f, data = d, REML = TRUE)),
  list(model = "insteval_satterthwaite", dataset = "insteval", formula = "y ~ 1 + service + (1 | s) + (1 | d) + (1 | dept)",
       fit = function(f, d) { m <- lmerTest::lmer(f, data = d, REML = FALSE); invisible(summary(m)); m }),
  list(model = "dietox_kenward_roger", dataset = "dietox", formula = "Weight ~ Time * Evit + (1 | Pig)",
       fit = function(f, d) { m <- lmerTest::lmer(f, data = d, REML = TRUE); invisible(summary(m, ddf = "Kenward-Roger")); m }),
  list(model = "verbagg_glmer_binomial", dataset = "verbagg", formula = "r2 ~ Anger + Gender + btype + situ + (1 | id) + (1 | item)",
       fit = function(f, d) glmer(f, data = d, family = binomial)),
  list(model = "kb07sim_maximal_reml", dataset = "kb07sim",
       formula = "rt_trunc ~ spkr * prec * load + (1 + spkr + prec + load | subj) + (1 + spkr + prec + load | item)",
       fit = function(f, d) lme4::lmer(f, data = d, REML = TRUE))
)

for (b in bench_models) {
  times <- numeric(runs)
  cpu <- numeric(runs)
  m <- NULL
  for (r in seq_len(runs)) {
    t0 <- proc.time()
    d <- read_dataset(b$dataset)
    m <- suppressMessages(b$fit(as.formula(b$formula), d))
    t1 <- proc.time() - t0
    times[r] <- t1[["elapsed"]]
    cpu[r] <- t1[["user.self"]] + t1[["sys.self"]]
  }
  objective <- if (lme4::isGLMM(m)) -2 * as.numeric(logLik(m)) else if (isREML(m)) REMLcrit(m) else deviance(m)
  cat(toJSON(list(model = b$model, formula = b$formula, seconds = median(times), runs = runs,
                  all_seconds = I(times), cpu_seconds = median(cpu),
                  load_average = as.numeric(strsplit(readLines("/proc/loadavg"), " ")[[1]][1]), evaluations = m@optinfo$feval, objective = objective,
                  lme4 = as.character(packageVersion("lme4"))),
             auto_unbox = TRUE, digits = NA), "\n", sep = "")
}
