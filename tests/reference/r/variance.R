# Residual variance structures (nlme::lme weights = varIdent / varExp / varPower; glmmTMB dispformula)
# -> tests/reference/variance.json
# Writes the datasets it needs into data/ when they are missing: orthodont.csv and bodyweight.csv (nlme's
# Orthodont and BodyWeight), sessions.csv (a 5 subjects x 5 sessions repeated-measures design with a different
# spread per session) and crossedvar.csv (subjects x items crossed, residual SD differing by condition).

suppressPackageStartupMessages({
  library(nlme)
  library(lme4)
  library(glmmTMB)
  library(pbkrtest)
})

write_data <- function(d, name) {
  path <- file.path(DATA_DIR, paste0(name, ".csv"))
  if (!file.exists(path)) {
    write.csv(d, path, row.names = FALSE)
    cat("wrote", path, "\n")
  }
}

local({
  o <- as.data.frame(nlme::Orthodont)
  o$Subject <- as.character(o$Subject)
  o$Sex <- as.character(o$Sex)
  o <- o[order(o$Subject, o$age), c("distance", "age", "Subject", "Sex")]
  write_data(o, "orthodont")
  b <- as.data.frame(nlme::BodyWeight)
  b$Rat <- paste0("R", sprintf("%02d", as.integer(as.character(b$Rat))))
  b$Diet <- paste0("D", as.character(b$Diet))
  b <- b[order(b$Rat, b$Time), c("weight", "Time", "Rat", "Diet")]
  write_data(b, "bodyweight")
  # The repeated-measures question: session means as in the analyst's table (pre 1.192, post 1.051, t1 0.576,
  # t2 0.022, t3 0.840), a small subject effect, and a residual SD that differs by session.
  set.seed(31)
  sessions <- c("pre", "post", "t1", "t2", "t3")
  means <- c(pre = 1.1923, post = 1.0511, t1 = 0.5756, t2 = 0.0217, t3 = 0.8398)
  sds <- c(pre = 0.9, post = 0.8, t1 = 0.45, t2 = 1.6, t3 = 0.9)
  s <- expand.grid(session = sessions, subject = paste0("S", 1:5), stringsAsFactors = FALSE)
  u <- rnorm(5, sd = 0.5)
  s$t <- round(means[s$session] + u[as.integer(sub("S", "", s$subject))] + rnorm(nrow(s)) * sds[s$session], 4)
  s <- s[order(s$subject, s$session), c("t", "session", "subject")]
  write_data(s, "sessions")
  # crossed subjects x items, two conditions within subjects and items, residual SD 1 vs 1.6
  set.seed(9)
  ns <- 40; ni <- 30
  x <- expand.grid(item = sprintf("I%02d", 1:ni), subj = sprintf("S%02d", 1:ns), stringsAsFactors = FALSE)
  x$cond <- ifelse((as.integer(factor(x$subj)) + as.integer(factor(x$item))) %% 2 == 0, "A", "B")
  us <- rnorm(ns, sd = 0.7); ui <- rnorm(ni, sd = 0.5)
  x$rt <- round(5 + 0.4 * (x$cond == "B") + us[as.integer(factor(x$subj))] + ui[as.integer(factor(x$item))] +
                rnorm(nrow(x)) * ifelse(x$cond == "B", 1.6, 1), 4)
  write_data(x[, c("rt", "cond", "subj", "item")], "crossedvar")
})

lme_random <- function(m) {
  D <- as.matrix(nlme::getVarCov(m))
  sd <- sqrt(diag(D))
  nm <- colnames(D)
  out <- list()
  for (j in seq_along(sd)) for (i in j:length(sd)) {
    out[[length(out) + 1]] <- list(var1 = nm[j], var2 = if (i == j) NULL else nm[i],
                                   sdcor = if (i == j) sd[j] else D[i, j] / (sd[i] * sd[j]))
  }
  out
}

lme_case <- function(cs) {
  d <- read_dataset(cs$dataset)
  if (!is.null(cs$weights)) d$inverse_weight <- 1 / d[[cs$weights]]   # prior weights as nlme's varFixed(~ 1 / w)
  fixed <- as.formula(cs$fixed)
  random <- as.formula(cs$random)
  w <- eval(parse(text = cs$nlme_weights))
  m <- lme(fixed, random = random, data = d, weights = w, method = if (cs$REML) "REML" else "ML",
           control = lmeControl(msMaxIter = 500, maxIter = 500, tolerance = 1e-10, msTol = 1e-12))
  vs <- m$modelStruct$varStruct
  ct <- summary(m)$tTable
  res <- list(id = cs$id, engine = "nlme", dataset = cs$dataset, formula = cs$formula, variance = cs$variance,
              REML = cs$REML, weights = cs$weights, logLik = as.numeric(logLik(m)), sigma = m$sigma,
              fixed = lapply(seq_len(nrow(ct)), function(i) list(term = rownames(ct)[i], estimate = ct[i, 1], se = ct[i, 2])),
              random = lme_random(m),
              fitted = arr(fitted(m)[1:20]),
              pearson = arr(residuals(m, type = "pearson")[1:20]))
  if (inherits(vs, "varComb")) vs <- vs[[1]]
  if (inherits(vs, "varIdent")) {
    cf <- coef(vs, unconstrained = FALSE, allCoef = TRUE)
    res$ratios <- as.list(cf)
    res$sd <- as.list(m$sigma * cf)
  } else {
    res$parameter <- as.numeric(coef(vs, unconstrained = FALSE))
  }
  iv <- tryCatch(intervals(m, which = "var-cov"), error = function(e) NULL)
  if (!is.null(iv) && !is.null(iv$varStruct)) {
    v <- iv$varStruct
    res$varstruct_intervals <- lapply(seq_len(nrow(v)), function(i)
      list(name = rownames(v)[i], lower = v[i, "lower"], estimate = v[i, "est."], upper = v[i, "upper"]))
  }
  res
}

tmb_case <- function(cs) {
  d <- read_dataset(cs$dataset)
  if (!is.null(cs$subset)) d <- d[eval(parse(text = cs$subset), d), , drop = FALSE]
  m <- glmmTMB(as.formula(cs$formula), dispformula = as.formula(cs$dispformula), data = d, REML = cs$REML)
  ct <- summary(m)$coefficients$cond
  strata <- levels(d[[cs$stratum]])
  nd <- d[match(strata, d[[cs$stratum]]), , drop = FALSE]
  sdv <- predict(m, newdata = nd, type = "disp")
  # glmmTMB's standard errors come from the joint Hessian of fixed effects and variance parameters; lme4's (and
  # ours) from the fixed-effects block given the variance parameters: lmer with the weights fixed at glmmTMB's
  # per-observation residual SDs gives those.
  w <- 1 / predict(m, newdata = d, type = "disp")^2
  l <- lme4::lmer(as.formula(cs$formula), data = d, weights = w / max(w), REML = cs$REML,
                  control = lme4::lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-10)))
  vc <- VarCorr(m)$cond
  random <- lapply(names(vc), function(g) list(group = g, sdcor = as.numeric(attr(vc[[g]], "stddev"))))
  list(id = cs$id, engine = "glmmTMB", dataset = cs$dataset, formula = cs$formula, variance = cs$variance,
       REML = cs$REML, logLik = as.numeric(logLik(m)), nobs = nrow(d), subset = cs$subset,
       fixed = lapply(seq_len(nrow(ct)), function(i) list(term = rownames(ct)[i], estimate = ct[i, 1], se = ct[i, 2])),
       se_lme4 = arr(sqrt(diag(as.matrix(vcov(l))))),
       sd = setNames(as.list(as.numeric(sdv)), strata), random_sd = random)
}

lme_cases <- list(
  list(id = "orthodont_sex_reml", dataset = "orthodont", fixed = "distance ~ age * Sex", random = "~ 1 | Subject",
       formula = "distance ~ age * Sex + (1 | Subject)", variance = "varIdent(~ 1 | Sex)",
       nlme_weights = "varIdent(form = ~ 1 | Sex)", REML = TRUE),
  list(id = "orthodont_sex_ml", dataset = "orthodont", fixed = "distance ~ age * Sex", random = "~ 1 | Subject",
       formula = "distance ~ age * Sex + (1 | Subject)", variance = "varIdent(~ 1 | Sex)",
       nlme_weights = "varIdent(form = ~ 1 | Sex)", REML = FALSE),
  list(id = "orthodont_slopes_sex_reml", dataset = "orthodont", fixed = "distance ~ age * Sex", random = "~ age | Subject",
       formula = "distance ~ age * Sex + (age | Subject)", variance = "varIdent(~ 1 | Sex)",
       nlme_weights = "varIdent(form = ~ 1 | Sex)", REML = TRUE),
  list(id = "orthodont_sex_age_reml", dataset = "orthodont", fixed = "distance ~ age * Sex", random = "~ 1 | Subject",
       formula = "distance ~ age * Sex + (1 | Subject)", variance = "varIdent(~ 1 | Sex * age)",
       nlme_weights = "varIdent(form = ~ 1 | Sex * age)", REML = TRUE),
  list(id = "bodyweight_exp_reml", dataset = "bodyweight", fixed = "weight ~ Time * Diet", random = "~ Time | Rat",
       formula = "weight ~ Time * Diet + (Time | Rat)", variance = "varExp(~ Time)",
       nlme_weights = "varExp(form = ~ Time)", REML = TRUE),
  list(id = "bodyweight_exp_ml", dataset = "bodyweight", fixed = "weight ~ Time * Diet", random = "~ 1 | Rat",
       formula = "weight ~ Time * Diet + (1 | Rat)", variance = "varExp(~ Time)",
       nlme_weights = "varExp(form = ~ Time)", REML = FALSE),
  list(id = "bodyweight_power_reml", dataset = "bodyweight", fixed = "weight ~ Time * Diet", random = "~ Time | Rat",
       formula = "weight ~ Time * Diet + (Time | Rat)", variance = "varPower(~ Time)",
       nlme_weights = "varPower(form = ~ Time)", REML = TRUE),
  list(id = "bodyweight_power_ml", dataset = "bodyweight", fixed = "weight ~ Time * Diet", random = "~ 1 | Rat",
       formula = "weight ~ Time * Diet + (1 | Rat)", variance = "varPower(~ Time)",
       nlme_weights = "varPower(form = ~ Time)", REML = FALSE),
  list(id = "cbpp_weighted_period_reml", dataset = "cbpp", fixed = "incidence / size ~ period", random = "~ 1 | herd",
       formula = "incidence / size ~ period + (1 | herd)", variance = "varIdent(~ 1 | period)", weights = "size",
       nlme_weights = "varComb(varIdent(form = ~ 1 | period), varFixed(~ inverse_weight))", REML = TRUE),
  list(id = "sessions_reml", dataset = "sessions", fixed = "t ~ session", random = "~ 1 | subject",
       formula = "t ~ session + (1 | subject)", variance = "varIdent(~ 1 | session)",
       nlme_weights = "varIdent(form = ~ 1 | session)", REML = TRUE),
  list(id = "sessions_ml", dataset = "sessions", fixed = "t ~ session", random = "~ 1 | subject",
       formula = "t ~ session + (1 | subject)", variance = "varIdent(~ 1 | session)",
       nlme_weights = "varIdent(form = ~ 1 | session)", REML = FALSE)
)

tmb_cases <- list(
  list(id = "crossedvar_reml", dataset = "crossedvar", formula = "rt ~ cond + (1 | subj) + (1 | item)",
       dispformula = "~ cond", stratum = "cond", variance = "varIdent(~ 1 | cond)", REML = TRUE),
  list(id = "crossedvar_ml", dataset = "crossedvar", formula = "rt ~ cond + (1 | subj) + (1 | item)",
       dispformula = "~ cond", stratum = "cond", variance = "varIdent(~ 1 | cond)", REML = FALSE),
  list(id = "fhch2010_task_ml", dataset = "fhch2010", formula = "log_rt ~ task * stimulus + (1 | id) + (1 | item)",
       dispformula = "~ task", stratum = "task", variance = "varIdent(~ 1 | task)", REML = FALSE),
  list(id = "orthodont_sex_tmb_reml", dataset = "orthodont", formula = "distance ~ age * Sex + (1 | Subject)",
       dispformula = "~ Sex", stratum = "Sex", variance = "varIdent(~ 1 | Sex)", REML = TRUE)
)

cases <- c(lapply(lme_cases, function(cs) { cat(" ", cs$id, "\n"); lme_case(cs) }),
           lapply(tmb_cases, function(cs) { cat(" ", cs$id, "\n"); tmb_case(cs) }))

# The repeated-measures question: which session differs from which (Tukey), and the likelihood-ratio test
# of the session-specific residual SDs against one residual SD (both fitted by ML, as lme4's anova refits).
seed <- local({
  d <- read_dataset("sessions")
  m <- lme(t ~ session, random = ~ 1 | subject, data = d, weights = varIdent(form = ~ 1 | session), method = "REML")
  e <- emmeans(m, ~ session, mode = "asymptotic", data = d)
  pw <- as.data.frame(summary(pairs(e, adjust = "tukey")))
  em <- as.data.frame(summary(e))
  m1 <- lme(t ~ session, random = ~ 1 | subject, data = d, weights = varIdent(form = ~ 1 | session), method = "ML")
  m0 <- lme(t ~ session, random = ~ 1 | subject, data = d, method = "ML")
  a <- anova(m0, m1)
  list(emmeans = lapply(seq_len(nrow(em)), function(i) list(session = as.character(em$session[i]), emmean = em$emmean[i], se = em$SE[i])),
       pairs = lapply(seq_len(nrow(pw)), function(i) list(contrast = as.character(pw$contrast[i]), estimate = pw$estimate[i],
                                                            se = pw$SE[i], z = pw$z.ratio[i], p = pw$p.value[i])),
       lrt = list(logLik0 = as.numeric(logLik(m0)), logLik1 = as.numeric(logLik(m1)), chisq = a$L.Ratio[2],
                  df = a$df[2] - a$df[1], p = a$`p-value`[2]))
})

# Kenward-Roger under varIdent. pbkrtest does not take nlme fits, but varIdent's covariance is linear in the
# residual variance of each stratum, and the same model is an lmer fit: the residual variance of the stratum with
# the smallest SD plus, for every other stratum s, an observation-level random effect (0 + [stratum = s] | obs) whose
# variance is that stratum's excess. Kenward-Roger's adjustment does not change under such a linear
# reparameterization of the covariance parameters, so pbkrtest's vcovAdj and get_Lb_ddf on that lmer fit are the
# values for the varIdent model (the REML log-likelihoods of the two fits are recorded to show they are one model).
kr_case <- function(id, dataset, formula, fixed, random, stratum) {
  d <- read_dataset(dataset)
  if (is.null(random)) {   # crossed: glmmTMB's dispformula fit
    m <- glmmTMB(as.formula(formula), dispformula = as.formula(paste("~", stratum)), data = d, REML = TRUE)
    lv <- levels(factor(d[[stratum]]))
    sds <- setNames(as.numeric(predict(m, newdata = d[match(lv, d[[stratum]]), , drop = FALSE], type = "disp")), lv)
  } else {
    m <- lme(as.formula(fixed), random = as.formula(random), data = d, method = "REML",
             weights = varIdent(form = as.formula(paste("~ 1 |", stratum))),
             control = lmeControl(msMaxIter = 500, maxIter = 500, tolerance = 1e-10, msTol = 1e-12))
    sds <- m$sigma * coef(m$modelStruct$varStruct, unconstrained = FALSE, allCoef = TRUE)
  }
  d$obs <- factor(seq_len(nrow(d)))
  extra <- character(0)
  for (s in setdiff(names(sds), names(sds)[which.min(sds)])) {
    v <- paste0("extra_", make.names(s))
    d[[v]] <- as.numeric(as.character(d[[stratum]]) == s)
    extra <- c(extra, paste0("(0 + ", v, " | obs)"))
  }
  l <- lmer(as.formula(paste(formula, "+", paste(extra, collapse = " + "))), data = d, REML = TRUE,
            control = lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-10),
                                  check.nobs.vs.nRE = "ignore", check.nobs.vs.nlev = "ignore"))
  va <- as.matrix(vcovAdj(l))
  p <- length(fixef(l))
  df <- sapply(seq_len(p), function(j) { L <- matrix(0, 1, p); L[j] <- 1; get_Lb_ddf(l, L) })
  list(id = id, dataset = dataset, formula = formula, variance = paste0("varIdent(~ 1 | ", stratum, ")"),
       logLik_reference = as.numeric(logLik(m)), reference = if (is.null(random)) "glmmTMB" else "nlme",
       logLik_lmer = as.numeric(logLik(l)),
       fixed = lapply(seq_len(p), function(j) list(term = names(fixef(l))[j], estimate = unname(fixef(l)[j]),
                                                    se_adjusted = sqrt(va[j, j]), df = df[j])))
}
kenward_roger <- list(
  kr_case("orthodont_sex_kr", "orthodont", "distance ~ age * Sex + (1 | Subject)", "distance ~ age * Sex", "~ 1 | Subject", "Sex"),
  kr_case("sessions_kr", "sessions", "t ~ session + (1 | subject)", "t ~ session", "~ 1 | subject", "session"),
  kr_case("crossedvar_kr", "crossedvar", "rt ~ cond + (1 | subj) + (1 | item)", "rt ~ cond", NULL, "cond"))

# Profile-likelihood intervals of a variance function's parameter: nlme has none, so the profile is computed here by
# refitting lme with the function held at each value (nlme's varFixed with the rows' g^2 as variance covariate) and
# solving 2 (logLik - profiled logLik) = qchisq(level, 1) on each side of the estimate.
profile_case <- function(id, dataset, formula, fixed, random, variance, structure, REML, level = 0.95) {
  d <- read_dataset(dataset)
  method <- if (REML) "REML" else "ML"
  ctrl <- lmeControl(msMaxIter = 500, maxIter = 500, tolerance = 1e-10, msTol = 1e-12)
  form <- as.formula(variance)
  make <- function(value = NULL, fix = NULL) {
    if (structure == "varIdent") varIdent(value = if (is.null(value)) numeric(0) else value, form = form, fixed = fix)
    else varExp(value = if (is.null(value)) 0 else value, form = form, fixed = fix)
  }
  fit <- function(w) lme(as.formula(fixed), random = as.formula(random), data = d, weights = w, method = method, control = ctrl)
  m <- fit(make())
  ll0 <- as.numeric(logLik(m))
  cut <- qchisq(level, 1)
  est <- coef(m$modelStruct$varStruct, unconstrained = FALSE)
  rhs <- trimws(sub("~", "", variance))
  strat <- trimws(sub(".*\\|", "", rhs))
  covariate <- rhs

  rows <- lapply(names(est), function(s) {
    # the profile in the unconstrained parameter (log ratio for varIdent, t for varExp)
    u0 <- if (structure == "varIdent") log(est[[s]]) else est[[s]]
    f <- function(u) {
      # the variance function held at u: nlme's varFixed with the variance covariate g^2 of each row
      d$g2 <<- if (structure == "varIdent") ifelse(as.character(d[[strat]]) == s, exp(2 * u), 1) else exp(2 * u * d[[covariate]])
      2 * (ll0 - as.numeric(logLik(fit(varFixed(~ g2))))) - cut
    }
    # the fit with the variance function held at its estimate reproduces the log-likelihood
    stopifnot(abs(f(u0) + cut) < 1e-6)
    lo <- uniroot(f, c(u0 - 1, u0), extendInt = "downX", tol = 1e-10)$root
    hi <- uniroot(f, c(u0, u0 + 1), extendInt = "upX", tol = 1e-10)$root
    tr <- if (structure == "varIdent") exp else identity
    list(name = paste0(structure, ".", if (structure == "varIdent") s else "expon"), estimate = tr(u0), lower = tr(lo), upper = tr(hi))
  })
  list(id = id, dataset = dataset, formula = formula, variance = paste0(structure, "(", variance, ")"), REML = REML,
       logLik = ll0, level = level, intervals = rows)
}
variance_profiles <- list(
  profile_case("orthodont_sex_profile_reml", "orthodont", "distance ~ age * Sex + (1 | Subject)", "distance ~ age * Sex",
               "~ 1 | Subject", "~ 1 | Sex", "varIdent", TRUE),
  profile_case("bodyweight_exp_profile_ml", "bodyweight", "weight ~ Time * Diet + (1 | Rat)", "weight ~ Time * Diet",
               "~ 1 | Rat", "~ Time", "varExp", FALSE))

write_reference(list(cases = cases, seed = seed, kenward_roger = kenward_roger, variance_profiles = variance_profiles),
                "variance.json")
