# Nakagawa & Schielzeth's marginal and conditional R-squared and the intraclass correlation, as R's performance
# package computes them (r2_nakagawa, icc), with insight's variance components. Writes performance.json.
suppressPackageStartupMessages({ library(performance); library(insight) })

perf_cases <- list(
  list(id = "sleepstudy_slopes", dataset = "sleepstudy", formula = "Reaction ~ Days + (Days | Subject)", family = NULL),
  list(id = "sleepstudy_intercept_ml", dataset = "sleepstudy", formula = "Reaction ~ Days + (1 | Subject)", family = NULL, reml = FALSE),
  list(id = "fhch2010_crossed", dataset = "fhch2010", formula = "log_rt ~ task * stimulus + (1 | id) + (1 | item)", family = NULL),
  list(id = "dyestuff_null", dataset = "dyestuff", formula = "Yield ~ 1 + (1 | Batch)", family = NULL),
  list(id = "cbpp_binomial", dataset = "cbpp", formula = "cbind(incidence, size - incidence) ~ period + (1 | herd)", family = "binomial", link = "logit"),
  list(id = "cbpp_binomial_probit", dataset = "cbpp", formula = "cbind(incidence, size - incidence) ~ period + (1 | herd)", family = "binomial", link = "probit"),
  list(id = "cbpp_poisson", dataset = "cbpp", formula = "incidence ~ period + (1 | herd)", family = "poisson", link = "log")
)

perf_one <- function(cs) {
  d <- read_dataset(cs$dataset)
  ctrl_l <- lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-10, maxfun = 1e5))
  ctrl_g <- glmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-10, maxfun = 1e5))
  m <- if (is.null(cs$family)) {
    lmer(as.formula(cs$formula), data = d, REML = if (is.null(cs$reml)) TRUE else cs$reml, control = ctrl_l)
  } else {
    glmer(as.formula(cs$formula), data = d, family = get(cs$family)(link = cs$link), control = ctrl_g)
  }
  r2 <- suppressWarnings(r2_nakagawa(m))
  ic <- suppressWarnings(icc(m))
  v <- suppressWarnings(get_variance(m))
  list(id = cs$id, dataset = cs$dataset, formula = cs$formula,
       family = if (is.null(cs$family)) "gaussian" else cs$family, link = if (is.null(cs$link)) "identity" else cs$link,
       reml = if (is.null(cs$family)) (if (is.null(cs$reml)) TRUE else cs$reml) else NULL,
       theta = arr(getME(m, "theta")), beta = arr(fixef(m)),
       r2_marginal = unname(r2$R2_marginal), r2_conditional = unname(r2$R2_conditional),
       icc_adjusted = unname(ic$ICC_adjusted), icc_unadjusted = unname(ic$ICC_unadjusted),
       var_fixed = unname(v$var.fixed), var_random = unname(v$var.random),
       var_residual = unname(v$var.residual), var_distribution = unname(v$var.distribution))
}

write_reference(list(packages = list(performance = as.character(packageVersion("performance")),
                                     insight = as.character(packageVersion("insight"))),
                     cases = lapply(perf_cases, perf_one)), "performance.json")
