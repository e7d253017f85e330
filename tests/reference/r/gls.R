# Generalized least squares (nlme::gls with weights = varIdent / varExp / varPower of a covariate or of the fitted
# values, REML and ML; and without a variance function) -> tests/reference/gls.json. Uses the datasets data/orthodont.csv, bodyweight.csv and
# sessions.csv (written by variance.R) and sleepstudy.csv.

suppressPackageStartupMessages(library(nlme))

gls_case <- function(cs) {
  d <- read_dataset(cs$dataset)
  w <- if (is.null(cs$nlme_weights)) NULL else eval(parse(text = cs$nlme_weights))
  m <- gls(as.formula(cs$formula), data = d, weights = w, method = if (cs$REML) "REML" else "ML",
           control = glsControl(msMaxIter = 500, maxIter = 500, tolerance = 1e-10, msTol = 1e-12))
  ct <- summary(m)$tTable
  ll <- logLik(m)
  res <- list(id = cs$id, dataset = cs$dataset, formula = cs$formula, variance = cs$variance, REML = cs$REML,
              nobs = nobs(m), logLik = as.numeric(ll), df = attr(ll, "df"), AIC = AIC(m), BIC = BIC(m),
              sigma = m$sigma,
              coefficients = lapply(seq_len(nrow(ct)), function(i)
                list(term = rownames(ct)[i], estimate = ct[i, 1], se = ct[i, 2], t = ct[i, 3], p = ct[i, 4])),
              fitted = arr(fitted(m)[1:20]),
              pearson = arr(residuals(m, type = "pearson")[1:20]))
  vs <- m$modelStruct$varStruct
  if (inherits(vs, "varIdent")) {
    cf <- coef(vs, unconstrained = FALSE, allCoef = TRUE)
    res$ratios <- as.list(cf)
    res$sd <- as.list(m$sigma * cf)
  } else if (!is.null(vs)) {
    res$parameter <- as.numeric(coef(vs, unconstrained = FALSE))
  }
  res
}

cases <- list(
  list(id = "orthodont_sex_reml", dataset = "orthodont", formula = "distance ~ age * Sex", variance = "varIdent(~ 1 | Sex)",
       nlme_weights = "varIdent(form = ~ 1 | Sex)", REML = TRUE),
  list(id = "orthodont_sex_ml", dataset = "orthodont", formula = "distance ~ age * Sex", variance = "varIdent(~ 1 | Sex)",
       nlme_weights = "varIdent(form = ~ 1 | Sex)", REML = FALSE),
  list(id = "orthodont_sex_age_reml", dataset = "orthodont", formula = "distance ~ age * Sex",
       variance = "varIdent(~ 1 | Sex * age)", nlme_weights = "varIdent(form = ~ 1 | Sex * age)", REML = TRUE),
  list(id = "sleepstudy_days_exp_ml", dataset = "sleepstudy", formula = "Reaction ~ Days", variance = "varExp(~ Days)",
       nlme_weights = "varExp(form = ~ Days)", REML = FALSE),
  list(id = "orthodont_age_power_reml", dataset = "orthodont", formula = "distance ~ age + Sex", variance = "varPower(~ age)",
       nlme_weights = "varPower(form = ~ age)", REML = TRUE),
  list(id = "orthodont_none_reml", dataset = "orthodont", formula = "distance ~ age + Sex", variance = NULL,
       nlme_weights = NULL, REML = TRUE),
  list(id = "bodyweight_exp_reml", dataset = "bodyweight", formula = "weight ~ Time * Diet", variance = "varExp(~ Time)",
       nlme_weights = "varExp(form = ~ Time)", REML = TRUE),
  list(id = "bodyweight_exp_ml", dataset = "bodyweight", formula = "weight ~ Time * Diet", variance = "varExp(~ Time)",
       nlme_weights = "varExp(form = ~ Time)", REML = FALSE),
  list(id = "bodyweight_power_reml", dataset = "bodyweight", formula = "weight ~ Time + Diet", variance = "varPower(~ Time)",
       nlme_weights = "varPower(form = ~ Time)", REML = TRUE),
  list(id = "bodyweight_power_ml", dataset = "bodyweight", formula = "weight ~ Time + Diet", variance = "varPower(~ Time)",
       nlme_weights = "varPower(form = ~ Time)", REML = FALSE),
  list(id = "orthodont_fitted_power_reml", dataset = "orthodont", formula = "distance ~ age + Sex",
       variance = "varPower(~ fitted(.))", nlme_weights = "varPower()", REML = TRUE),
  list(id = "bodyweight_fitted_exp_ml", dataset = "bodyweight", formula = "weight ~ Time * Diet",
       variance = "varExp(~ fitted(.))", nlme_weights = "varExp(form = ~ fitted(.))", REML = FALSE),
  list(id = "sessions_reml", dataset = "sessions", formula = "t ~ session", variance = "varIdent(~ 1 | session)",
       nlme_weights = "varIdent(form = ~ 1 | session)", REML = TRUE),
  list(id = "sessions_ml", dataset = "sessions", formula = "t ~ session", variance = "varIdent(~ 1 | session)",
       nlme_weights = "varIdent(form = ~ 1 | session)", REML = FALSE)
)

out <- lapply(cases, function(cs) { cat(" ", cs$id, "\n"); gls_case(cs) })
body <- list(nlme = as.character(packageVersion("nlme")), cases = out)
write_reference(body, "gls.json")
