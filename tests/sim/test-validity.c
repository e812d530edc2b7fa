/* test-validity.c: each model's validity warning (issue 9, FlxResult.warning) is empty
 * inside its range and names the failing assumption outside it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The points outside are chosen so that only one assumption fails, with margins of 2x or
 * more against the thresholds in the model files (sim/models/flx-model-*.c), so the test
 * checks which criterion fires, not rounding.
 */
#include <glib.h>
#include <gsl/gsl_errno.h>
#include <stdarg.h>
#include <string.h>

#include "flx-model.h"

/* Runs model id (FAST) with name/value pairs over the defaults, NULL-terminated, and
 * returns the warning (caller frees). */
static char *
run_warning (const char *id, ...)
{
  const FlxModel *m = flx_model_find (id);
  g_assert_nonnull (m);
  double *v = g_new0 (double, m->n_params + 1);
  flx_model_defaults (m, v);
  va_list ap;
  va_start (ap, id);
  for (const char *name; (name = va_arg (ap, const char *)) != NULL;)
    {
      int i = flx_model_find_param (m, name);
      g_assert_cmpint (i, >=, 0);
      v[i] = va_arg (ap, double);
    }
  va_end (ap);
  FlxResult *r = NULL;
  char err[512] = "";
  if (flx_model_run (m, v, FLX_QUALITY_FAST, &r, NULL, NULL, err, sizeof err) != FLX_OK)
    g_error ("%s: %s", id, err);
  char *w = g_strdup (r->warning);
  flx_result_free (r);
  g_free (v);
  return w;
}

#define ASSERT_VALID(w) do { g_autofree char *w_ = (w); g_assert_cmpstr (w_, ==, ""); } while (0)
#define ASSERT_WARNS(w, word) \
  do { g_autofree char *w_ = (w); g_test_message ("%s", w_); \
       g_assert_nonnull (strstr (w_, word)); } while (0)

static void
test_cfr (void)
{
  /* 0.3 uN: p0 = sqrt(F c33 / (pi R t)) = 14 GPa by eq 9, u33 ~ 3.5 % x 0.66 = 2.3 %. */
  ASSERT_VALID (run_warning ("cfr", "force", 0.3e-6, NULL));
  /* The paper's 15 uN indents the 3.9 nm film by 0.74 nm (eq 9), p0 = 64 GPa: ~15 %
   * strain, far past linear elasticity (the model follows the paper regardless). */
  ASSERT_WARNS (run_warning ("cfr", NULL), "linear elasticity");
  /* 0.8 nm film at 20 nN: p0 = 5 GPa (strain ~1 %), barrier = film = 0.8 nm < 1 nm. */
  ASSERT_WARNS (run_warning ("cfr", "force", 0.02e-6, "thickness", 0.8e-9, NULL), "WKB");
  /* f_eff = 200 V (8x the paper), eps_r 100: P ~ 1 C/m^2, the P^3 term ~10x the linear. */
  ASSERT_WARNS (run_warning ("cfr", "force", 0.3e-6, "f_eff", 200.0, "eps_r", 100.0, NULL),
                "linear flexoelectric");
}

static void
test_vacancy (void)
{
  ASSERT_VALID (run_warning ("vacancy", NULL));
  /* The 1 nm air gap screens the tip bias ~75x (flx-vacancy.c), so 10 V stays linear; a
   * 100x flexocoupling (f_eff = 100 V) gives ~3e8 V/m under the tip: x = 2 e E 0.276 nm /
   * (2 kT) ~ 3 at 300 K. */
  ASSERT_VALID (run_warning ("vacancy", "bias", 10.0, NULL));
  ASSERT_WARNS (run_warning ("vacancy", "f_eff", 100.0, NULL), "Nernst-Planck");
  /* A 5 nm film of eps_r 1 under 10 V: ~1e9 V/m, far past linear drift. */
  ASSERT_WARNS (run_warning ("vacancy", "bias", 10.0, "eps_r", 1.0, "thickness", 5e-9, NULL),
                "Nernst-Planck");
}

static void
test_wo3 (void)
{
  ASSERT_VALID (run_warning ("wo3", NULL));
  ASSERT_WARNS (run_warning ("wo3", "wall_width", 1e-9, NULL), "unit cells");
  /* jump 10 %: twin strain 5 % */
  ASSERT_WARNS (run_warning ("wo3", "strain_jump", 0.1, NULL), "linear elasticity");
}

static void
test_gradients (void)
{
  ASSERT_VALID (run_warning ("gradients", NULL));
  for (double s = 0; s <= 4; s++)
    ASSERT_VALID (run_warning ("gradients", "scenario", s, NULL));
  /* misfit decaying over 0.5 nm: under three 0.39 nm cells */
  ASSERT_WARNS (run_warning ("gradients", "scenario", 1.0, "relaxation_length", 0.5e-9,
                             NULL), "unit cells");
  /* 1e9 1/m x 0.39 nm = 39 % per cell */
  ASSERT_WARNS (run_warning ("gradients", "scenario", 4.0, "gradient", 1e9, NULL),
                "continuum scale");
  /* bending 20 nm at 1e7 1/m: surface strain kappa t / 2 = 10 % */
  ASSERT_WARNS (run_warning ("gradients", "curvature", 1e7, NULL), "linear elasticity");
}

static void
test_lsmo (void)
{
  /* 5 kV is below the switching (~6 kV at 100 K): the channel stays below 400 K. */
  ASSERT_VALID (run_warning ("lsmo", "v_max", 5e3, NULL));
  /* The default 10 kV sweep heats the barrier far past eq 6.2's 400 K. */
  ASSERT_WARNS (run_warning ("lsmo", NULL), "R(T)");
}

int
main (int argc, char **argv)
{
  gsl_set_error_handler_off ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/validity/cfr", test_cfr);
  g_test_add_func ("/validity/vacancy", test_vacancy);
  g_test_add_func ("/validity/wo3", test_wo3);
  g_test_add_func ("/validity/gradients", test_gradients);
  g_test_add_func ("/validity/lsmo", test_lsmo);
  return g_test_run ();
}
