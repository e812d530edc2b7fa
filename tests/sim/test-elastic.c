/* test-elastic.c: the spectral half-space solver against closed forms.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * References: K. L. Johnson, Contact Mechanics (CUP 1985): eq 3.45 (on-axis stresses
 * under a Hertz pressure), eq 3.41a (surface displacement inside the contact), sec. 3.6
 * (tangential traction q0 (1 - r^2/a^2)^(1/2) over a circle), sec. 4.2 (line contact);
 * R. Hill, Proc. Phys. Soc. A 65, 349 (1952) (Voigt average).
 *
 * Units: a = 1, E = 1 (stresses in units of p0 = 1) unless a test says otherwise.
 */
#include <glib.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <string.h>

#include "flx-elastic.h"

typedef struct {
  double a;
} Disc;

static double
hertz_profile (double r, void *data)
{
  double a = ((Disc *) data)->a;
  return r < a ? sqrt (1.0 - r * r / (a * a)) : 0.0;
}

/* A Hertz pressure p0 = 1 of radius a = 1 on an n x n grid over (L a)^2, centred on node
 * n/2 so the axis is sampled exactly at r = 0. */
static FlxElasticWorkspace *
hertz_setup (size_t n, double L, bool tangential, double nu)
{
  char err[256];
  FlxElasticMaterial m;
  flx_elastic_material_from_young (&m, 1.0, nu);
  FlxElasticWorkspace *ws = flx_elastic_workspace_new (n, n, L, L, false, err, sizeof err);
  g_assert_nonnull (ws);
  double *p = g_new (double, n * n);
  Disc d = { 1.0 };
  g_assert_cmpint (flx_elastic_fill_radial (p, n, n, L, L, -L / 2, -L / 2, 0, 0, 1.0,
                                            hertz_profile, &d, 8), ==, FLX_OK);
  g_assert_cmpint (flx_elastic_solve (ws, &m, tangential ? NULL : p, tangential ? p : NULL,
                                      NULL, err, sizeof err), ==, FLX_OK);
  g_free (p);
  return ws;
}

/* Largest on-axis error over z = 0.2 .. 2 a: sigma_zz relative to its local value and
 * sigma_rr in units of p0 (sigma_rr crosses zero near z = 1.45 a, so a relative error is
 * meaningless there). */
static void
hertz_axis_errors (size_t n, double L, double *err_zz, double *err_rr)
{
  const double nu = 0.3;
  FlxElasticWorkspace *ws = hertz_setup (n, L, false, nu);
  double z[10], szz[10], sxx[10], *out[2] = { szz, sxx };
  unsigned comps[2] = { FLX_ELASTIC_SZZ, FLX_ELASTIC_SXX };
  char err[256];
  for (int i = 0; i < 10; i++)
    z[i] = 0.2 * (i + 1);
  g_assert_cmpint (flx_elastic_eval_column (ws, n / 2, n / 2, z, 10, comps, 2, out, err,
                                            sizeof err), ==, FLX_OK);
  *err_zz = *err_rr = 0.0;
  for (int i = 0; i < 10; i++)
    {
      /* Johnson eq 3.45 */
      double s_z = -1.0 / (1.0 + z[i] * z[i]);
      double s_r = -(1.0 + nu) * (1.0 - z[i] * atan (1.0 / z[i])) + 0.5 / (1.0 + z[i] * z[i]);
      *err_zz = fmax (*err_zz, fabs (szz[i] / s_z - 1.0));
      *err_rr = fmax (*err_rr, fabs (sxx[i] - s_r));
    }
  flx_elastic_workspace_free (ws);
}

static void
test_voigt (void)
{
  /* Hill 1952 Voigt average of SrTiO3 (issue 5: c11 318, c12 103, c44 124 GPa):
   * mu = (318 - 103 + 372)/5 = 117.4 GPa, lambda = (318 + 412 - 248)/5 = 96.4 GPa.
   * Exact arithmetic, so round-off tolerance. */
  FlxElasticMaterial m, back;
  flx_elastic_material_voigt_cubic (&m, 318e9, 103e9, 124e9);
  g_assert_cmpfloat_with_epsilon (m.mu / 117.4e9, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (m.lambda / 96.4e9, 1.0, 1e-12);
  /* E, nu round trip (identities). */
  flx_elastic_material_from_young (&back, flx_elastic_material_young (&m),
                                   flx_elastic_material_poisson (&m));
  g_assert_cmpfloat_with_epsilon (back.mu / m.mu, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (back.lambda / m.lambda, 1.0, 1e-12);
  g_assert_cmpint (flx_elastic_material_check (&m, NULL, 0), ==, FLX_OK);
}

static void
test_hertz_johnson (void)
{
  /* Johnson eq 3.45 is exact for one contact on a half-space.  Our periodic cell of
   * 16 a adds image stresses ~3e-3 p0 in sigma_rr (they fall as 1/L^2, see the
   * convergence test) and the 256 grid (a/16) discretisation ~1e-3.  Issue 5 asks for
   * 1 %: sigma_zz relative, sigma_rr in units of p0. */
  double ezz, err_rr;
  hertz_axis_errors (256, 16.0, &ezz, &err_rr);
  g_test_message ("Hertz on axis, 256^2, L = 16 a: max |d sigma_zz|/|sigma_zz| = %.2e, "
                  "max |d sigma_rr|/p0 = %.2e", ezz, err_rr);
  g_assert_cmpfloat (ezz, <, 0.01);
  g_assert_cmpfloat (err_rr, <, 0.01);
}

static void
test_hertz_convergence (void)
{
  /* Refining the grid at a fixed, large cell (32 a, images ~6e-4 p0) must shrink the
   * error: dx = a/2, a/4, a/8.  Measured 1.5e-2, 6.5e-3, 3.4e-3 (the worst is sigma_zz
   * relative at z = 2 a); first order, because the Hertz edge is a square-root
   * singularity that the cell averages resolve only to O(dx). */
  double e[3];
  size_t n[3] = { 64, 128, 256 };
  for (int i = 0; i < 3; i++)
    {
      double ezz, err;
      hertz_axis_errors (n[i], 32.0, &ezz, &err);
      e[i] = fmax (ezz, err);
      g_test_message ("convergence: n = %zu (dx = a/%g): max error %.3e", n[i],
                      n[i] / 32.0, e[i]);
    }
  g_assert_cmpfloat (e[1], <, 0.7 * e[0]);
  g_assert_cmpfloat (e[2], <, 0.7 * e[1]);
  g_assert_cmpfloat (e[2], <, 0.3 * e[0]);
}

static void
test_hertz_surface_displacement (void)
{
  /* Johnson eq 3.41a: u_z(r) = (1 - nu^2)/E pi p0 (2 a^2 - r^2) / (4 a) for r <= a, so
   * u_z(0) - u_z(r) = (1 - nu^2) pi p0 r^2 / (4 a E).  Displacements are defined up to a
   * rigid shift (periodic k = 0 mode), hence differences.  Tolerance 1 % of the value at
   * r = a: images and grid give ~0.3 %. */
  const size_t n = 256;
  const double L = 16.0, nu = 0.3, dx = L / n;
  FlxElasticWorkspace *ws = hertz_setup (n, L, false, nu);
  double *uz = g_new (double, n * n), z0 = 0.0, *out[1] = { uz };
  unsigned comp = FLX_ELASTIC_UZ;
  char err[256];
  g_assert_cmpint (flx_elastic_eval_planes (ws, &z0, 1, &comp, 1, out, NULL, NULL, err,
                                            sizeof err), ==, FLX_OK);
  double scale = (1 - nu * nu) * M_PI / 4.0, worst = 0.0;
  size_t c = n / 2 * n + n / 2;
  for (size_t s = 1; s * dx <= 1.0 + 1e-12; s++)
    {
      double r = s * dx, expect = scale * r * r;
      worst = fmax (worst, fabs (uz[c] - uz[c + s] - expect) / scale);
      worst = fmax (worst, fabs (uz[c] - uz[c + s * n] - expect) / scale);
    }
  g_test_message ("surface u_z: max error / u_z(0)-u_z(a) = %.2e", worst);
  g_assert_cmpfloat (worst, <, 0.01);
  g_free (uz);
  flx_elastic_workspace_free (ws);
}

static void
test_cerruti_tangential (void)
{
  /* Tangential traction qx = q0 (1 - r^2/a^2)^(1/2) (Johnson sec. 3.6):
   * u_x = pi q0 / (32 G a) [4 (2 - nu) a^2 - (4 - 3 nu) x^2 - (4 - nu) y^2], r <= a.
   * Check the differences along x and along y (two different coefficients: the Cerruti
   * kernel is anisotropic) and that u_z vanishes under the centre by antisymmetry.
   * Tolerance 1 % of u_x(0): measured ~0.2 % at 256^2, L = 16 a. */
  const size_t n = 256;
  const double L = 16.0, nu = 0.3, dx = L / n, G = 1.0 / (2.0 * (1.0 + nu));
  FlxElasticWorkspace *ws = hertz_setup (n, L, true, nu);
  double *ux = g_new (double, n * n), *uz = g_new (double, n * n), z0 = 0.0;
  double *out[2] = { ux, uz };
  unsigned comps[2] = { FLX_ELASTIC_UX, FLX_ELASTIC_UZ };
  char err[256];
  g_assert_cmpint (flx_elastic_eval_planes (ws, &z0, 1, comps, 2, out, NULL, NULL, err,
                                            sizeof err), ==, FLX_OK);
  double k = M_PI / (32.0 * G), ux0 = k * 4.0 * (2.0 - nu), worst = 0.0;
  size_t c = n / 2 * n + n / 2;
  for (size_t s = 1; s * dx <= 1.0 + 1e-12; s++)
    {
      double r = s * dx;
      worst = fmax (worst, fabs (ux[c] - ux[c + s] - k * (4 - 3 * nu) * r * r) / ux0);
      worst = fmax (worst, fabs (ux[c] - ux[c + s * n] - k * (4 - nu) * r * r) / ux0);
    }
  g_test_message ("Cerruti u_x: max error / u_x(0) = %.2e", worst);
  g_assert_cmpfloat (worst, <, 0.01);
  g_assert_cmpfloat (fabs (uz[c]) / ux0, <, 1e-12);
  g_free (ux);
  g_free (uz);
  flx_elastic_workspace_free (ws);
}

static void
test_equilibrium_and_boundary (void)
{
  /* Static equilibrium: the integral of sigma_zz (sigma_xz) over any plane below the
   * surface balances the applied force, so it equals -Fz (-Fx) at every depth.  The
   * k = 0 mode carries it exactly: round-off tolerance.  At z = 0 the solution must also
   * return the traction itself (sigma_zz = -p, sigma_xz = -qx); only the dropped Nyquist
   * modes differ: the Hertz edge puts 3e-3 p0 there at dx = a/8 (measured); tolerance
   * 1e-2 p0. */
  const size_t n = 128;
  const double L = 16.0, dx = L / n;
  char err[256];
  FlxElasticMaterial m;
  flx_elastic_material_from_young (&m, 1.0, 0.25);
  FlxElasticWorkspace *ws = flx_elastic_workspace_new (n, n, L, L, true, err, sizeof err);
  g_assert_nonnull (ws);
  double *p = g_new (double, n * n), *q = g_new (double, n * n);
  Disc d = { 1.0 };
  flx_elastic_fill_radial (p, n, n, L, L, -L / 2, -L / 2, 0, 0, 1.0, hertz_profile, &d, 8);
  for (size_t i = 0; i < n * n; i++)
    q[i] = 0.3 * p[i];
  g_assert_cmpint (flx_elastic_solve (ws, &m, p, q, NULL, err, sizeof err), ==, FLX_OK);
  double F[3];
  flx_elastic_net_force (ws, F);
  /* The cell-averaged load is the Hertz total 2 pi a^2 p0 / 3 up to the O(dx) edge error
   * of the square root (0.5 % at dx = a/8, measured): tolerance 1 %. */
  g_assert_cmpfloat_with_epsilon (F[2] / (2.0 * M_PI / 3.0), 1.0, 1e-2);
  double z[3] = { 0.0, 2.0, 5.0 };
  double *szz = g_new (double, 3 * n * n), *sxz = g_new (double, 3 * n * n);
  double *out[2] = { szz, sxz };
  unsigned comps[2] = { FLX_ELASTIC_SZZ, FLX_ELASTIC_SXZ };
  g_assert_cmpint (flx_elastic_eval_planes (ws, z, 3, comps, 2, out, NULL, NULL, err,
                                            sizeof err), ==, FLX_OK);
  for (int l = 0; l < 3; l++)
    {
      double fz = 0.0, fx = 0.0;
      for (size_t i = 0; i < n * n; i++)
        {
          fz += szz[l * n * n + i] * dx * dx;
          fx += sxz[l * n * n + i] * dx * dx;
        }
      g_assert_cmpfloat_with_epsilon (fz / -F[2], 1.0, 1e-10);
      g_assert_cmpfloat_with_epsilon (fx / -F[0], 1.0, 1e-10);
    }
  double worst = 0.0;
  for (size_t i = 0; i < n * n; i++)
    worst = fmax (worst, fmax (fabs (szz[i] + p[i]), fabs (sxz[i] + q[i])));
  g_test_message ("surface traction recovered to %.2e p0", worst);
  g_assert_cmpfloat (worst, <, 1e-2);
  g_free (szz);
  g_free (sxz);
  g_free (p);
  g_free (q);
  flx_elastic_workspace_free (ws);
}

static void
test_derivatives_and_views (void)
{
  /* Internal consistency: the analytic DZ equals a central difference (h = 1e-4 a, error
   * O(h^2) ~ 1e-8 relative); section, column and plane evaluations give the same numbers
   * (they differ only in summation order: 1e-10 relative). */
  const size_t n = 64;
  const double L = 16.0;
  FlxElasticWorkspace *ws = hertz_setup (n, L, false, 0.3);
  char err[256];
  double z[3] = { 0.5 - 1e-4, 0.5, 0.5 + 1e-4 };
  unsigned comps[2] = { FLX_ELASTIC_E_INPLANE, FLX_ELASTIC_E_INPLANE | FLX_ELASTIC_DZ };
  double *pl[2] = { g_new (double, 3 * n * n), g_new (double, 3 * n * n) };
  double *sec[2] = { g_new (double, 3 * n), g_new (double, 3 * n) };
  double col0[3], col1[3], *col[2] = { col0, col1 };
  g_assert_cmpint (flx_elastic_eval_planes (ws, z, 3, comps, 2, pl, NULL, NULL, err,
                                            sizeof err), ==, FLX_OK);
  g_assert_cmpint (flx_elastic_eval_section_xz (ws, n / 2, z, 3, comps, 2, sec, NULL, NULL,
                                                err, sizeof err), ==, FLX_OK);
  g_assert_cmpint (flx_elastic_eval_column (ws, n / 2 + 3, n / 2, z, 3, comps, 2, col, err,
                                            sizeof err), ==, FLX_OK);
  size_t c = n / 2 * n + n / 2;
  double fd = (pl[0][2 * n * n + c] - pl[0][c]) / 2e-4;
  g_assert_cmpfloat_with_epsilon (pl[1][n * n + c] / fd, 1.0, 1e-6);
  double scale = fabs (pl[1][n * n + c]);
  for (int k = 0; k < 2; k++)
    for (size_t l = 0; l < 3; l++)
      {
        for (size_t i = 0; i < n; i++)
          g_assert_cmpfloat (fabs (sec[k][l * n + i] - pl[k][l * n * n + n / 2 * n + i]),
                             <, 1e-10 * scale + 1e-14);
        g_assert_cmpfloat (fabs (col[k][l] - pl[k][l * n * n + c + 3]), <, 1e-10 * scale + 1e-14);
      }
  for (int k = 0; k < 2; k++)
    {
      g_free (pl[k]);
      g_free (sec[k]);
    }
  flx_elastic_workspace_free (ws);
}

static void
test_plane_strain (void)
{
  /* ny = 1: a load uniform along y, i.e. the 2D line contact.  Hertz cylinder, on axis
   * (Johnson sec. 4.2): sigma_z = -p0 a / sqrt(a^2 + z^2),
   * sigma_x = -p0 [(a^2 + 2 z^2) / sqrt(a^2 + z^2) - 2 z] / a.  In 2D the images of a
   * periodic row decay slowly, so use a long cell (256 a, n = 8192, dx = a/32); measured
   * errors ~3e-3 p0 for z = 0.2 .. 2 a, tolerance 1 %. */
  const size_t n = 8192;
  const double L = 256.0, dx = L / n;
  char err[256];
  FlxElasticMaterial m;
  flx_elastic_material_from_young (&m, 1.0, 0.3);
  FlxElasticWorkspace *ws = flx_elastic_workspace_new (n, 1, L, 0.0, false, err, sizeof err);
  g_assert_nonnull (ws);
  double *p = g_new (double, n);
  Disc d = { 1.0 };
  g_assert_cmpint (flx_elastic_fill_radial (p, n, 1, L, 0, -L / 2, 0, 0, 0, 1.0,
                                            hertz_profile, &d, 16), ==, FLX_OK);
  g_assert_cmpint (flx_elastic_solve (ws, &m, p, NULL, NULL, err, sizeof err), ==, FLX_OK);
  double z[10], szz[10], sxx[10], *out[2] = { szz, sxx };
  unsigned comps[2] = { FLX_ELASTIC_SZZ, FLX_ELASTIC_SXX };
  for (int i = 0; i < 10; i++)
    z[i] = 0.2 * (i + 1);
  g_assert_cmpint (flx_elastic_eval_column (ws, n / 2, 0, z, 10, comps, 2, out, err,
                                            sizeof err), ==, FLX_OK);
  double worst = 0.0;
  for (int i = 0; i < 10; i++)
    {
      double s = sqrt (1.0 + z[i] * z[i]);
      worst = fmax (worst, fabs (szz[i] + 1.0 / s));
      worst = fmax (worst, fabs (sxx[i] + ((1.0 + 2.0 * z[i] * z[i]) / s - 2.0 * z[i])));
    }
  g_test_message ("plane strain Hertz on axis: max error %.2e p0 (dx = %g a)", worst, dx);
  g_assert_cmpfloat (worst, <, 0.01);
  g_free (p);
  flx_elastic_workspace_free (ws);
}

static int
cancel_now (double fraction, void *data)
{
  (*(int *) data)++;
  return 1;
}

static void
test_bad_input_and_cancel (void)
{
  char err[256] = "";
  g_assert_null (flx_elastic_workspace_new (63, 64, 1, 1, false, err, sizeof err));
  g_assert_true (strstr (err, "even") != NULL);
  g_assert_null (flx_elastic_workspace_new (64, 64, -1, 1, false, err, sizeof err));
  FlxElasticWorkspace *ws = flx_elastic_workspace_new (32, 32, 1, 1, false, err, sizeof err);
  g_assert_nonnull (ws);
  double z = 0.1, v[32 * 32], *out[1] = { v }, p[32 * 32] = { 0 };
  unsigned comp = FLX_ELASTIC_SZZ;
  /* Evaluation before a solve is a caller error, reported, not a crash. */
  g_assert_cmpint (flx_elastic_eval_planes (ws, &z, 1, &comp, 1, out, NULL, NULL, err,
                                            sizeof err), ==, FLX_E_PARAM);
  FlxElasticMaterial bad = { 1.0, -1.0 }, good;
  g_assert_cmpint (flx_elastic_solve (ws, &bad, p, NULL, NULL, err, sizeof err), ==, FLX_E_PARAM);
  flx_elastic_material_from_young (&good, 1.0, 0.3);
  p[5] = NAN;
  g_assert_cmpint (flx_elastic_solve (ws, &good, p, NULL, NULL, err, sizeof err), ==, FLX_E_PARAM);
  p[5] = 1.0;
  g_assert_cmpint (flx_elastic_solve (ws, &good, p, NULL, NULL, err, sizeof err), ==, FLX_OK);
  double negz = -1.0;
  g_assert_cmpint (flx_elastic_eval_planes (ws, &negz, 1, &comp, 1, out, NULL, NULL, err,
                                            sizeof err), ==, FLX_E_PARAM);
  unsigned junk = 77;
  g_assert_cmpint (flx_elastic_eval_planes (ws, &z, 1, &junk, 1, out, NULL, NULL, err,
                                            sizeof err), ==, FLX_E_PARAM);
  int calls = 0;
  g_assert_cmpint (flx_elastic_eval_planes (ws, &z, 1, &comp, 1, out, cancel_now, &calls,
                                            err, sizeof err), ==, FLX_E_CANCELLED);
  g_assert_cmpint (calls, >=, 1);
  flx_elastic_workspace_free (ws);
  flx_elastic_workspace_free (NULL);
}

int
main (int argc, char *argv[])
{
  gsl_set_error_handler_off ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/elastic/voigt", test_voigt);
  g_test_add_func ("/elastic/hertz-johnson", test_hertz_johnson);
  g_test_add_func ("/elastic/hertz-convergence", test_hertz_convergence);
  g_test_add_func ("/elastic/hertz-surface-displacement", test_hertz_surface_displacement);
  g_test_add_func ("/elastic/cerruti-tangential", test_cerruti_tangential);
  g_test_add_func ("/elastic/equilibrium-boundary", test_equilibrium_and_boundary);
  g_test_add_func ("/elastic/derivatives-views", test_derivatives_and_views);
  g_test_add_func ("/elastic/plane-strain", test_plane_strain);
  g_test_add_func ("/elastic/bad-input-cancel", test_bad_input_and_cancel);
  int ret = g_test_run ();
  flx_elastic_cleanup ();
  return ret;
}
