/* flx-gradients.c: the gradient-engineering explorer (issue 8, seed 003).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Source: Kim et al., "Strain, field and chemical gradient engineering in complex oxide
 * heterostructures", Microstructures 6, 2026062 (2026) ("the review"), and the works it
 * cites.  Every scenario uses the review's eq 1, P_i = mu_ijkl d u_jk / d x_l, reduced to
 * one component, with mu = eps0 eps_r f_eff (the flexocoupling form, as cfr's eq 2; for
 * eps_r >> 1, chi = eps_r - 1 ~ eps_r).  The flexoelectric field of a gradient g is
 * E = f_eff g: the open-circuit field -P/(eps0 eps_r) of an unscreened layer.  Worked
 * points are the table defaults (t = 20 nm, f = 10 V, eps_r = 300) and are tested.
 *
 * bending      Pure bending of a free membrane of curvature kappa: u(z) = kappa z about the
 *              neutral plane, g = kappa, surface strain kappa t / 2, P = mu kappa,
 *              V = f kappa t.  Worked point kappa = 1e5 1/m: P = 2.66e-3 C/m^2,
 *              E = 1e6 V/m, V = 20 mV.  The review (membranes, Guo et al. ref 29): photocurrent
 *              tuned "nearly linear" in curvature; Table 1 gives 7.55e4 1/m for the bent
 *              100 nm BiFeO3 film.
 * misfit       Misfit strain relaxing away from the interface, u(z) = u_m exp(-z/lambda),
 *              z up from the substrate.  Interface gradient -u_m/lambda; film average
 *              g = [u(t) - u(0)] / t = -u_m (1 - exp(-t/lambda)) / t; P = mu g, E = f g,
 *              V = f [u(t) - u(0)].  Worked point u_m = 1 %, lambda = 10 nm: interface
 *              -1e6 1/m, average -4.32e5 1/m.  The review: 1e5-1e6 1/m (Lee et al., ref 6).
 * indentation  Tip contact from cfr (flx_cfr_contact, eq 9 of Park et al.) with the
 *              SrTiO3 constants of flx_cfr_params_init (c33 = 336 GPa): a = (4 R F t /
 *              (pi c33))^(1/4).  Direct effect: the film-averaged gradient under the tip
 *              (flx_cfr_gradient, closed form).  Converse effect (review, "Electric-field
 *              gradient engineering", Abdollahi et al. ref 26): the tip field ~V/a
 *              decays over ~a, a field gradient ~V/a^2 stresses a volume ~a^3, so
 *              d_eff ~ mu / (c33 a): it grows as the contact shrinks (the review's
 *              1/contact-size signature; a ~ F^1/4 here).  ORDER OF MAGNITUDE, no
 *              geometric prefactor.  Worked point R = 50 nm, F = 5 uN, t = 20 nm:
 *              a = 11.7 nm, d_eff = 6.7 pm/V.
 * composition  A graded band edge (composition or defect-concentration gradient) acts on
 *              carriers as a built-in field E = (1/e) dE_c/dz = Delta_Ec / t, linear
 *              profile.  Equivalent strain gradient E / f.  Worked point 0.3 eV over 20 nm:
 *              1.5e7 V/m, equivalent 1.5e6 1/m.  The review: graded PbZr(1-x)Ti(x)O3 with
 *              strain gradients up to 4.3e5 1/m and a built-in field (Agar et al., ref 105).
 * photovoltaic Linear response J = sigma_ph E with E = f g (the flexo field separates the
 *              photocarriers).  ORDER OF MAGNITUDE ILLUSTRATION: sigma_ph lumps generation,
 *              mobility and lifetime.  Default g = 3.3e7 1/m (the review: BiFeO3 phase
 *              boundaries, Chu et al. ref 20) and sigma_ph = 3e-5 S/m, chosen so that this
 *              gives ~1 A/cm^2, the review's tip current density on SrTiO3 (Yang et al.
 *              ref 30).  Worked point: E = 3.3e8 V/m, J = 9.9e3 A/m^2.
 */
#include "flx-gradients.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flx-cfr.h"

#define EPS0 8.8541878128e-12

void
flx_gradients_params_init (FlxGradientsParams *p)
{
  memset (p, 0, sizeof *p);
  p->scenario = FLX_GRADIENTS_BENDING;
  p->thickness = 20e-9;
  p->curvature = 1e5;
  p->misfit_strain = 0.01;
  p->relaxation_length = 10e-9;
  p->force = 5e-6;
  p->tip_radius = 50e-9;
  p->band_offset = 0.3;
  p->f_eff = 10.0;
  p->eps_r = 300.0;
  p->gradient = 3.3e7;
  p->photoconductivity = 3e-5;
}

#define CHECK(cond, ...) \
  do { if (!(cond)) return flx_set_error (errmsg, errmsg_len, FLX_E_PARAM, __VA_ARGS__); } while (0)

FlxStatus
flx_gradients_params_check (const FlxGradientsParams *p, char *errmsg, size_t errmsg_len)
{
  CHECK (p != NULL, "no parameters");
  CHECK ((int) p->scenario >= 0 && p->scenario < FLX_GRADIENTS_N_SCENARIOS, "unknown scenario");
  CHECK (isfinite (p->thickness) && p->thickness > 0 && p->thickness <= 1e-3,
         "thickness must be in (0, 1 mm]");
  CHECK (isfinite (p->curvature) && p->curvature >= 0 && p->curvature <= 1e9,
         "curvature must be in [0, 1e9 1/m]");
  CHECK (isfinite (p->misfit_strain) && fabs (p->misfit_strain) < 0.2,
         "misfit strain must be within +-0.2");
  CHECK (isfinite (p->relaxation_length) && p->relaxation_length > 0,
         "relaxation length must be positive");
  CHECK (isfinite (p->force) && p->force > 0 && p->force <= 1e-3,
         "force must be in (0, 1 mN]");
  CHECK (isfinite (p->tip_radius) && p->tip_radius > 0 && p->tip_radius <= 1e-4,
         "tip radius must be in (0, 100 um]");
  CHECK (isfinite (p->band_offset) && fabs (p->band_offset) <= 10,
         "band-edge change must be within +-10 eV");
  CHECK (isfinite (p->f_eff) && fabs (p->f_eff) <= 1e3, "flexocoupling must be within +-1000 V");
  CHECK (isfinite (p->eps_r) && p->eps_r >= 1, "relative permittivity must be at least 1");
  CHECK (isfinite (p->gradient) && fabs (p->gradient) <= 1e10,
         "strain gradient must be within +-1e10 1/m");
  CHECK (isfinite (p->photoconductivity) && p->photoconductivity >= 0,
         "photoconductivity must be non-negative");
  return FLX_OK;
}

static void
curve_clear (FlxGradientsCurve *c)
{
  free (c->x);
  free (c->y);
  c->x = c->y = NULL;
  c->n = 0;
}

static int
curve_alloc (FlxGradientsCurve *c, size_t n)
{
  c->x = calloc (n, sizeof (double));
  c->y = calloc (n, sizeof (double));
  c->n = n;
  return c->x != NULL && c->y != NULL;
}

void
flx_gradients_result_clear (FlxGradientsResult *r)
{
  if (r == NULL)
    return;
  curve_clear (&r->profile);
  curve_clear (&r->band_edge);
  curve_clear (&r->d_eff_vs_force);
  curve_clear (&r->d_eff_vs_radius);
  curve_clear (&r->current_vs_gradient);
  curve_clear (&r->polarization_vs_curvature);
  memset (r, 0, sizeof *r);
}

double
flx_gradients_converse_d (double mu, double stiffness, double contact_radius)
{
  return mu / (stiffness * contact_radius);
}

FlxStatus
flx_gradients_run (const FlxGradientsParams *p, FlxQuality quality, FlxGradientsResult *r,
                   FlxProgressFunc progress, void *user_data, char *errmsg,
                   size_t errmsg_len)
{
  FlxStatus st = flx_gradients_params_check (p, errmsg, errmsg_len);
  if (st != FLX_OK)
    return st;
  memset (r, 0, sizeof *r);
  if (flx_report (progress, user_data, 0.0))
    return flx_set_error (errmsg, errmsg_len, FLX_E_CANCELLED, "cancelled");

  const size_t n = quality == FLX_QUALITY_FULL ? 401 : 101;
  const double t = p->thickness, f = p->f_eff;
  const double mu = EPS0 * p->eps_r * f;
  r->strain_gradient = r->polarization = r->built_in_field = r->voltage = NAN;
  r->surface_strain = r->interface_gradient = r->contact_radius = r->d_eff = NAN;
  r->equivalent_gradient = r->current_density = NAN;

  switch (p->scenario)
    {
    case FLX_GRADIENTS_BENDING:
      {
        const double k = p->curvature;
        r->strain_gradient = k;
        r->surface_strain = 0.5 * k * t;
        r->polarization = mu * k;
        r->built_in_field = f * k;
        r->voltage = f * k * t;
        if (!curve_alloc (&r->profile, n) || !curve_alloc (&r->polarization_vs_curvature, n))
          goto nomem;
        for (size_t i = 0; i < n; i++)
          {
            double z = -0.5 * t + t * (double) i / (double) (n - 1);
            r->profile.x[i] = z;
            r->profile.y[i] = k * z;
            double kk = 2.0 * fmax (k, 1e3) * (double) i / (double) (n - 1);
            r->polarization_vs_curvature.x[i] = kk;
            r->polarization_vs_curvature.y[i] = mu * kk;
          }
        snprintf (r->note, sizeof r->note,
                  "Bending: g = kappa = %.3g 1/m, P = eps0 eps_r f g = %.3g C/m^2, V = f g t = "
                  "%.3g V. The review: 7.55e4 1/m in a bent 100 nm BiFeO3 membrane whose "
                  "photocurrent tracks the curvature (Table 1, Guo et al.).", k, r->polarization,
                  r->voltage);
        break;
      }
    case FLX_GRADIENTS_MISFIT:
      {
        const double um = p->misfit_strain, lam = p->relaxation_length;
        const double du = um * expm1 (-t / lam); /* u(t) - u(0) */
        r->interface_gradient = -um / lam;
        r->strain_gradient = du / t;
        r->polarization = mu * r->strain_gradient;
        r->built_in_field = f * r->strain_gradient;
        r->voltage = f * du;
        if (!curve_alloc (&r->profile, n))
          goto nomem;
        for (size_t i = 0; i < n; i++)
          {
            double z = t * (double) i / (double) (n - 1);
            r->profile.x[i] = z;
            r->profile.y[i] = um * exp (-z / lam);
          }
        snprintf (r->note, sizeof r->note,
                  "Misfit relaxation u = u_m exp(-z/lambda): interface gradient %.3g 1/m, "
                  "film average %.3g 1/m, built-in field f g = %.3g V/m. The review: "
                  "1e5-1e6 1/m from growth-controlled relaxation (Lee et al.).",
                  r->interface_gradient, r->strain_gradient, r->built_in_field);
        break;
      }
    case FLX_GRADIENTS_INDENTATION:
      {
        FlxCfrParams cp;
        flx_cfr_params_init (&cp);
        cp.thickness = t;
        cp.f_eff = f;
        cp.eps_r = p->eps_r;
        double a, h, p0;
        flx_cfr_contact (&cp, p->force, p->tip_radius, &a, &h, &p0);
        if (!(a > 0))
          return flx_set_error (errmsg, errmsg_len, FLX_E_PARAM, "no contact");
        r->contact_radius = a;
        r->d_eff = flx_gradients_converse_d (mu, cp.c33, a);
        r->strain_gradient = flx_cfr_gradient (&cp, p->force, p->tip_radius);
        r->polarization = mu * r->strain_gradient;
        r->built_in_field = f * r->strain_gradient;
        if (!curve_alloc (&r->d_eff_vs_force, n) || !curve_alloc (&r->d_eff_vs_radius, n))
          goto nomem;
        for (size_t i = 0; i < n; i++)
          {
            /* 0.1 uN .. 30 uN, log spaced */
            double F = 1e-7 * pow (300.0, (double) i / (double) (n - 1)), aF;
            flx_cfr_contact (&cp, F, p->tip_radius, &aF, NULL, NULL);
            r->d_eff_vs_force.x[i] = F;
            r->d_eff_vs_force.y[i] = flx_gradients_converse_d (mu, cp.c33, aF);
            double ar = 1e-9 * pow (100.0, (double) i / (double) (n - 1)); /* 1..100 nm */
            r->d_eff_vs_radius.x[i] = ar;
            r->d_eff_vs_radius.y[i] = flx_gradients_converse_d (mu, cp.c33, ar);
          }
        snprintf (r->note, sizeof r->note,
                  "Indentation (cfr contact, eq 9): a = %.3g m; converse flexo PFM "
                  "d_eff ~ mu/(c33 a) = %.3g m/V (order of magnitude), grows as the contact "
                  "shrinks (the review, Abdollahi et al.); tip gradient %.3g 1/m.",
                  a, r->d_eff, r->strain_gradient);
        break;
      }
    case FLX_GRADIENTS_COMPOSITION:
      {
        const double dE = p->band_offset; /* eV, so dE / t is in V/m */
        r->built_in_field = dE / t;
        r->voltage = dE;
        r->equivalent_gradient = f != 0.0 ? r->built_in_field / f : NAN;
        if (!curve_alloc (&r->band_edge, n))
          goto nomem;
        for (size_t i = 0; i < n; i++)
          {
            double z = t * (double) i / (double) (n - 1);
            r->band_edge.x[i] = z;
            r->band_edge.y[i] = dE * z / t;
          }
        snprintf (r->note, sizeof r->note,
                  "Graded band edge: E = dEc/dz / e = %.3g V/m (equivalent strain gradient "
                  "E/f = %.3g 1/m). The review: graded PbZrTiO3 with strain gradients up "
                  "to 4.3e5 1/m and a built-in field (Agar et al.).",
                  r->built_in_field, r->equivalent_gradient);
        if (!isfinite (r->equivalent_gradient))
          r->equivalent_gradient = NAN;
        break;
      }
    case FLX_GRADIENTS_PHOTOVOLTAIC:
      {
        const double g = p->gradient, s = p->photoconductivity;
        r->strain_gradient = g;
        r->polarization = mu * g;
        r->built_in_field = f * g;
        r->current_density = s * f * g;
        if (!curve_alloc (&r->current_vs_gradient, n))
          goto nomem;
        double gmax = 2.0 * fmax (fabs (g), 1e5);
        for (size_t i = 0; i < n; i++)
          {
            double gg = gmax * (double) i / (double) (n - 1);
            r->current_vs_gradient.x[i] = gg;
            r->current_vs_gradient.y[i] = s * f * gg;
          }
        snprintf (r->note, sizeof r->note,
                  "Order-of-magnitude illustration: J = sigma_ph f g = %.3g A/m^2 at g = "
                  "%.3g 1/m. The review: 3.3e7 1/m at BiFeO3 phase boundaries (Chu et al.), "
                  "~1 A/cm^2 under a loaded tip on SrTiO3 (Yang et al.).",
                  r->current_density, g);
        break;
      }
    default:
      return flx_set_error (errmsg, errmsg_len, FLX_E_PARAM, "unknown scenario");
    }
  /* A linear estimate past ~0.2 C/m^2 (ferroelectric BiFeO3 has ~0.9) is outside linear
   * response; say so rather than let the number stand alone. */
  if (isfinite (r->polarization) && fabs (r->polarization) > 0.2)
    {
      size_t len = strlen (r->note);
      snprintf (r->note + len, sizeof r->note - len,
                " Linear P = %.2g C/m^2 is beyond linear response.", r->polarization);
    }
  flx_report (progress, user_data, 1.0);
  return FLX_OK;

nomem:
  flx_gradients_result_clear (r);
  return flx_set_error (errmsg, errmsg_len, FLX_E_NOMEM, "out of memory");
}
