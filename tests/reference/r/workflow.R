# Factor levels, per-factor contrasts and data-dependent transformations (relevel, factor(levels =),
# contr.sum / helmert / poly / treatment(base) / custom matrices, scale, poly) -> tests/reference/workflow.json

fit_case <- function(id, data, formula, emm = NULL) {
  m <- lme4::lmer(as.formula(formula), data = data, REML = TRUE)
  cf <- summary(m)$coefficients
  out <- list(id = id, formula = formula, reml = unname(lme4::REMLcrit(m)),
              fixed = list(names = rownames(cf), estimate = unname(cf[, 1]), se = unname(cf[, 2])))
  if (!is.null(emm)) out$emmeans <- emm(m, data)
  out
}

emm_frame <- function(e, label) {
  s <- as.data.frame(summary(e))
  est <- if ("emmean" %in% names(s)) s$emmean else s[[grep("trend$", names(s))[1]]]
  list(label = label, estimate = est, se = s$SE, df = ifelse(is.finite(s$df), s$df, "Inf"))
}

fhch <- read_dataset("fhch2010")
fhch <- fhch[fhch$correct == "TRUE", ]
fhch_ref <- fhch
fhch_ref$task <- relevel(fhch_ref$task, "naming")
fhch_ref$stimulus <- relevel(fhch_ref$stimulus, "word")

cake <- read_dataset("cake")
contrasts(cake$recipe) <- contr.sum(3)

dietox <- read_dataset("dietox")
dietox_bh <- dietox
contrasts(dietox_bh$Cu) <- contr.treatment(levels(dietox_bh$Cu), base = 2)
contrasts(dietox_bh$Evit) <- contr.helmert(3)
dietox_custom <- dietox
contrasts(dietox_custom$Evit) <- cbind(lin = c(-1, 0, 1))

sleep <- read_dataset("sleepstudy")

cases <- list(
  fit_case("fhch2010_relevel", fhch,
           "log_rt ~ relevel(task, \"naming\") * relevel(stimulus, ref = \"word\") + (1 | id) + (1 | item)"),
  fit_case("fhch2010_relevel_data", fhch_ref, "log_rt ~ task * stimulus + (1 | id) + (1 | item)",
           function(m, d) list(emm_frame(emmeans(m, ~ task * stimulus, data = d, lmer.df = "asymptotic"), "task*stimulus"))),
  fit_case("cake_sum_ordered", cake, "angle ~ recipe * ordered(temperature) + (1 | recipe:replicate)",
           function(m, d) list(emm_frame(emmeans(m, ~ recipe, data = d, lmer.df = "kenward-roger"), "recipe"))),
  fit_case("dietox_base_helmert", dietox_bh, "Weight ~ Time + Evit + Cu + (1 | Pig)",
           function(m, d) list(emm_frame(emmeans(m, ~ Cu, data = d, lmer.df = "kenward-roger"), "Cu"))),
  fit_case("dietox_levels", dietox, "Weight ~ Time + factor(Evit, levels = c(\"Evit200\", \"Evit000\", \"Evit100\")) + (1 | Pig)"),
  fit_case("dietox_custom", dietox_custom, "Weight ~ Time + Evit + (1 | Pig)"),
  fit_case("sleepstudy_poly", sleep, "Reaction ~ poly(Days, 2) + (Days | Subject)",
           function(m, d) list(
             emm_frame(emmeans(m, ~ Days, at = list(Days = c(0, 4.5, 9)), data = d, lmer.df = "kenward-roger"), "Days"),
             emm_frame(emtrends(m, ~ 1, var = "Days", data = d, lmer.df = "kenward-roger"), "trend"))),
  fit_case("sleepstudy_scale", sleep, "Reaction ~ scale(Days) + (Days | Subject)",
           function(m, d) list(emm_frame(emmeans(m, ~ Days, at = list(Days = c(2, 7)), data = d, lmer.df = "kenward-roger"), "Days"))),
  fit_case("sleepstudy_center", sleep, "Reaction ~ scale(Days, scale = FALSE) + (1 | Subject)",
           function(m, d) list(emm_frame(emmeans(m, ~ Days, data = d, lmer.df = "kenward-roger"), "Days")))
)

# lme4's anova(m0, m1, m2) (refitted by ML), rows ordered by npar
a0 <- lme4::lmer(Reaction ~ 1 + (1 | Subject), data = sleep)
a1 <- lme4::lmer(Reaction ~ Days + (1 | Subject), data = sleep)
a2 <- lme4::lmer(Reaction ~ Days + (Days | Subject), data = sleep)
av <- suppressMessages(anova(a0, a1, a2))
multi_anova <- list(npar = unname(av$npar), AIC = unname(av$AIC), logLik = unname(av$logLik),
                    Chisq = unname(av$Chisq), Df = unname(av$Df), p = unname(av[["Pr(>Chisq)"]]))

# emmeans' default adjustment of consec contrasts: mvt (mvtnorm's randomized Genz-Bretz; seeded here)
cake_plain <- read_dataset("cake")
mc <- lme4::lmer(angle ~ recipe * temperature + (1 | recipe:replicate), data = cake_plain)
set.seed(1)
consec <- summary(contrast(emmeans(mc, ~ temperature, data = cake_plain, lmer.df = "kenward-roger"), "consec"), infer = TRUE)
mvt_consec <- list(contrast = as.character(consec$contrast), estimate = consec$estimate, se = consec$SE, df = consec$df,
                   lower = consec$lower.CL, upper = consec$upper.CL, p = consec$p.value)

write_reference(list(cases = cases, multi_anova = multi_anova, mvt_consec = mvt_consec), "workflow.json")
