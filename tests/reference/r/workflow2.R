# The analyst's workflow, second part -> tests/reference/workflow2.json
#  * identifiability: lme4's checkHess (checkConv's Hessian check, tol 1e-6) on the finite-difference Hessian
#    (lme4:::deriv12, step 1e-4) of the deviance function at lme4's tight optimum (bobyqa, rhoend 1e-10): the
#    messages "Model is nearly unidentifiable: very large eigenvalue / large eigenvalue ratio", and the eigenvalues;
#    glmer fits use the Hessian glmer computes over (theta, beta) at its own optimum;
#  * joint_tests on models with poly() and scale() terms (emmeans' default df);
#  * the coefficient table with confidence intervals (pymer4's .coefs): lmerTest's Satterthwaite df, t and p beside
#    confint(m, method = "Wald" / "profile").

data_dir <- file.path(REF_DIR, "data")
read_ref_dataset <- read_dataset
environment(read_ref_dataset) <- list2env(list(DATA_DIR = data_dir), parent = globalenv())

chr <- function(x) I(if (is.null(x)) character(0) else as.character(unlist(x)))

tight_ctrl <- lme4::lmerControl(optimizer = "bobyqa", optCtrl = list(rhobeg = 1e-3, rhoend = 1e-10, maxfun = 1e5),
                                calc.derivs = FALSE)

hessian_case <- function(id, data, formula, reml = TRUE) {
  m <- lme4::lmer(as.formula(formula), data = data, REML = reml)
  tight <- lme4::lmer(as.formula(formula), data = data, REML = reml, control = tight_ctrl,
                      start = list(theta = getME(m, "theta")))
  if (lme4::REMLcrit(m) < lme4::REMLcrit(tight) && reml) tight <- m
  dev <- lme4::lmer(as.formula(formula), data = data, REML = reml, devFunOnly = TRUE)
  theta <- getME(tight, "theta")
  d <- lme4:::deriv12(dev, theta, fx = dev(theta))
  ev <- eigen(d$Hessian, symmetric = TRUE, only.values = TRUE)$values
  singular <- lme4::isSingular(tight)
  msgs <- if (singular) character(0) else unlist(lme4:::checkHess(d$Hessian, 1e-6)$messages)
  cat(sprintf("  hessian %-28s max ev %.4g  ratio %.4g  %s\n", id, max(ev), min(ev) / max(ev), paste(msgs, collapse = " | ")))
  list(id = id, kind = "lmer", formula = formula, REML = reml, theta = unname(theta), criterion = dev(theta),
       eigenvalues = ev, singular = singular, messages = chr(msgs),
       lme4_default_messages = chr(m@optinfo$conv$lme4$messages))
}

glmer_hessian_case <- function(id, data, formula) {
  m <- lme4::glmer(as.formula(formula), data = data, family = binomial)
  ev <- eigen(m@optinfo$derivs$Hessian, symmetric = TRUE, only.values = TRUE)$values
  msgs <- unlist(m@optinfo$conv$lme4$messages)
  cat(sprintf("  hessian %-28s max ev %.4g  ratio %.4g  %s\n", id, max(ev), min(ev) / max(ev), paste(msgs, collapse = " | ")))
  list(id = id, kind = "glmer", formula = formula, eigenvalues = ev, singular = lme4::isSingular(m),
       messages = chr(msgs), lme4_default_messages = chr(msgs))
}

sleep <- read_dataset("sleepstudy")
sitka <- read_dataset("sitka")
dietox <- read_dataset("dietox")
fhch <- read_dataset("fhch2010")
cbpp <- read_dataset("cbpp")
cbpp100 <- cbpp; cbpp100$x <- as.numeric(as.character(cbpp100$period)) * 100
cbpp30 <- cbpp; cbpp30$x <- as.numeric(as.character(cbpp30$period)) * 30

hessian <- list(
  hessian_case("sitka_slopes", sitka, "size ~ Time + treat + (Time | tree)"),
  hessian_case("sitka_slopes_scaled", sitka, "size ~ I(Time/100) + treat + (I(Time/100) | tree)"),
  hessian_case("spruce_slopes", read_ref_dataset("spruce"), "logSize ~ days * plot + (days | Tree)"),
  hessian_case("orange_slopes", read_ref_dataset("orange"), "circumference ~ age + (age | Tree)"),
  hessian_case("sleepstudy_slopes", sleep, "Reaction ~ Days + (Days | Subject)"),
  hessian_case("sleepstudy_slopes_ml", sleep, "Reaction ~ Days + (Days | Subject)", reml = FALSE),
  hessian_case("sleepstudy_slopes_x100", sleep, "Reaction ~ I(Days * 100) + (I(Days * 100) | Subject)"),
  hessian_case("dietox_slopes", dietox, "Weight ~ Time + (Time | Pig)"),
  hessian_case("fhch2010_slopes", fhch, "log_rt ~ task * stimulus + (stimulus | id) + (task | item)"),
  hessian_case("penicillin", read_dataset("penicillin"), "diameter ~ 1 + (1 | plate) + (1 | sample)"),
  glmer_hessian_case("cbpp_x100", cbpp100, "cbind(incidence, size - incidence) ~ x + (1 | herd)"),
  glmer_hessian_case("cbpp_x30", cbpp30, "cbind(incidence, size - incidence) ~ x + (1 | herd)"),
  glmer_hessian_case("cbpp_period", cbpp, "cbind(incidence, size - incidence) ~ period + (1 | herd)")
)

joint_case <- function(id, data, formula) {
  m <- lmerTest::lmer(as.formula(formula), data = data)
  jt <- joint_tests(m, data = data)
  cat(sprintf("  joint_tests %-24s %s\n", id, paste(sprintf("%s F=%.4f", jt[["model term"]], jt$F.ratio), collapse = "; ")))
  list(id = id, formula = formula, df_method = "kenward-roger",
       rows = lapply(seq_len(nrow(jt)), function(i) list(term = as.character(jt[["model term"]][i]), df1 = jt$df1[i],
                                                         df2 = jt$df2[i], F = jt$F.ratio[i], p = jt$p.value[i])))
}

joint <- list(
  joint_case("sleepstudy_poly2", sleep, "Reaction ~ poly(Days, 2) + (Days | Subject)"),
  joint_case("sleepstudy_scale", sleep, "Reaction ~ scale(Days) + (Days | Subject)"),
  joint_case("dietox_poly_evit", dietox, "Weight ~ poly(Time, 2) * Evit + (1 | Pig)"),
  joint_case("dietox_scale_cu", dietox, "Weight ~ scale(Time) * Cu + (1 | Pig)")
)

coefs_case <- function(id, data, formula, method) {
  m <- lmerTest::lmer(as.formula(formula), data = data)
  cf <- summary(m)$coefficients
  ci <- suppressMessages(confint(m, method = method, oldNames = FALSE))[rownames(cf), , drop = FALSE]
  list(id = id, formula = formula, method = tolower(method), term = rownames(cf), estimate = unname(cf[, "Estimate"]),
       lower = unname(ci[, 1]), upper = unname(ci[, 2]), se = unname(cf[, "Std. Error"]), df = unname(cf[, "df"]),
       t = unname(cf[, "t value"]), p = unname(cf[, "Pr(>|t|)"]))
}

coefs <- list(
  coefs_case("sleepstudy_wald", sleep, "Reaction ~ Days + (Days | Subject)", "Wald"),
  coefs_case("sleepstudy_profile", sleep, "Reaction ~ Days + (Days | Subject)", "profile"),
  coefs_case("fhch2010_wald", fhch, "log_rt ~ task * stimulus + (1 | id) + (1 | item)", "Wald")
)

write_reference(list(hessian = hessian, joint_tests = joint, coefs = coefs), "workflow2.json")
