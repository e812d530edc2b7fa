/* flexolab-bench: measures every implemented model's interactive (FAST) and full (FULL)
 * solve and prints one JSON document.  Performance is measured here, never in unit tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: flexolab-bench [--quick] [--model ID] [--gui]
 * For each model: median, min, max and interquartile spread of wall-clock time over
 * repeated runs at the default parameters, with a parameter nudged between runs so no
 * result cache can answer; plus peak RSS and the number of CPUs.
 * "gui": the app's hidden --bench-gui mode (app/flx-bench-gui.c) run under the current
 * display, else under xvfb-run, its JSON merged in; {"skipped": "no display"} without
 * either.  --gui runs only that section; --model skips it.  It uses the cairo renderer
 * unless GSK_RENDERER is set.
 */
#include "config.h"

#include <gio/gio.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "flx-lsmo.h"
#include "flx-model.h"
#include "flx-vacancy.h"

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
quantile (const double *sorted, int n, double q)
{
  double pos = q * (n - 1);
  int lo = (int) floor (pos), hi = (int) ceil (pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/* Nudges the first numeric parameter within its range so consecutive runs differ. */
static void
nudge (const FlxModel *m, double *values, int k)
{
  for (size_t i = 0; i < m->n_params; i++)
    if (m->params[i].kind == FLX_PARAM_NUMBER && m->params[i].max > m->params[i].min)
      {
        const FlxParamSpec *p = &m->params[i];
        double span = p->max - p->min;
        values[i] = CLAMP (p->def + span * 1e-3 * ((k % 7) - 3), p->min, p->max);
        return;
      }
}

static gboolean
time_model (const FlxModel *m, FlxQuality quality, int repeats, GString *out)
{
  double *t = g_new (double, repeats);
  double *values = g_new (double, m->n_params + 1);
  char err[512] = "";
  int ok = 0;

  flx_model_defaults (m, values);
  for (int k = 0; k < repeats; k++)
    {
      FlxResult *r = NULL;
      gint64 t0;
      FlxStatus st;

      nudge (m, values, k);
      t0 = g_get_monotonic_time ();
      st = flx_model_run (m, values, quality, &r, NULL, NULL, err, sizeof err);
      t[ok] = (g_get_monotonic_time () - t0) / 1e3;
      flx_result_free (r);
      if (st != FLX_OK)
        {
          g_string_append_printf (out, "{\"error\":\"%s\"}", flx_status_to_string (st));
          g_free (t);
          g_free (values);
          return FALSE;
        }
      ok++;
    }
  qsort (t, ok, sizeof *t, cmp_double);
  g_string_append_printf (out,
                          "{\"runs\":%d,\"median_ms\":%.4g,\"min_ms\":%.4g,\"max_ms\":%.4g,"
                          "\"iqr_ms\":%.4g}",
                          ok, quantile (t, ok, 0.5), t[0], t[ok - 1],
                          quantile (t, ok, 0.75) - quantile (t, ok, 0.25));
  g_free (t);
  g_free (values);
  return TRUE;
}

static void
append_stats (GString *out, double *t, int n)
{
  qsort (t, n, sizeof *t, cmp_double);
  g_string_append_printf (out, "{\"runs\":%d,\"median_ms\":%.4g,\"min_ms\":%.4g,\"max_ms\":%.4g,"
                          "\"p90_ms\":%.4g}", n, quantile (t, n, 0.5), t[0], t[n - 1],
                          quantile (t, n, 0.9));
}

/* cfr: what a drag over the whole force range costs through the page's pipeline (100 FAST
 * runs of the registry model, each with maps and every curve). */
static void
bench_cfr_sweep (GString *out, int repeats)
{
  const FlxModel *m = flx_model_find ("cfr");
  double *values = g_new (double, m->n_params);
  double *t = g_new (double, repeats);
  int fi = flx_model_find_param (m, "force");

  flx_model_defaults (m, values);
  for (int r = 0; r < repeats; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      for (int k = 0; k < 100; k++)
        {
          FlxResult *res = NULL;
          values[fi] = 25e-6 * k / 99.0;
          flx_model_run (m, values, FLX_QUALITY_FAST, &res, NULL, NULL, NULL, 0);
          flx_result_free (res);
        }
      t[r] = (g_get_monotonic_time () - t0) / 1e3;
    }
  g_string_append (out, ",\"force_sweep_100_fast\":");
  append_stats (out, t, repeats);
  g_free (t);
  g_free (values);
}

/* lsmo: one steady state of the 50 x 100 network, continued from the previous bias point
 * (as in a sweep) and from cold (below and just below the NDR onset, ~5.17 kV); the
 * 120-point voltage-controlled sweep up alone (network set-up plus 120 continued points
 * through the switch), and up and down plus the network R(T), which is what `run` does. */
static void
bench_lsmo (GString *out, int repeats)
{
  FlxLsmoParams p;
  FlxLsmoNetwork *net = NULL;
  FlxLsmoPoint pt;
  double cont[40], cold[8], onset[8], *sweep = g_new (double, repeats);
  double *up = g_new (double, repeats);
  int nc = 0, nk = 0, no = 0, nu = 0;
  char err[256];

  flx_lsmo_params_init (&p);
  p.constriction = 0.02;
  if (flx_lsmo_network_new (&p, &net, err, sizeof err) != FLX_OK)
    {
      g_string_append_printf (out, ",\"lsmo_error\":\"%s\"", err);
      g_free (sweep);
      return;
    }
  for (int k = 1; k <= 40; k++)
    {
      gint64 t0 = g_get_monotonic_time ();
      memset (&pt, 0, sizeof pt);
      if (flx_lsmo_network_solve (net, 5000.0 * k / 40, &pt, err, sizeof err) == FLX_OK)
        cont[nc++] = (g_get_monotonic_time () - t0) / 1e3;
    }
  for (int k = 0; k < 8; k++)
    {
      gint64 t0;
      flx_lsmo_network_set_uniform (net, p.t_substrate);
      t0 = g_get_monotonic_time ();
      memset (&pt, 0, sizeof pt);
      if (flx_lsmo_network_solve (net, 1000.0 + 500.0 * k, &pt, err, sizeof err) == FLX_OK)
        cold[nk++] = (g_get_monotonic_time () - t0) / 1e3;
    }
  for (int k = 0; k < 8; k++)
    {
      gint64 t0;
      flx_lsmo_network_set_uniform (net, p.t_substrate);
      t0 = g_get_monotonic_time ();
      memset (&pt, 0, sizeof pt);
      if (flx_lsmo_network_solve (net, 4800.0 + 50.0 * k, &pt, err, sizeof err) == FLX_OK)
        onset[no++] = (g_get_monotonic_time () - t0) / 1e3;
    }
  flx_lsmo_network_free (net);
  g_string_append (out, ",\"steady_state_50x100_continued\":");
  if (nc > 0)
    append_stats (out, cont, nc);
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"steady_state_50x100_cold\":");
  if (nk > 0)
    append_stats (out, cold, nk);
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"steady_state_50x100_cold_near_onset\":");
  if (no > 0)
    append_stats (out, onset, no);
  else
    g_string_append (out, "null");

  for (int r = 0; r < repeats; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      gboolean ok = flx_lsmo_network_new (&p, &net, err, sizeof err) == FLX_OK;
      for (int k = 0; ok && k < 120; k++)
        ok = flx_lsmo_network_solve (net, p.v_max * k / 119.0, NULL, err, sizeof err) == FLX_OK;
      flx_lsmo_network_free (net);
      if (ok)
        up[nu++] = (g_get_monotonic_time () - t0) / 1e3;
    }
  g_string_append (out, ",\"sweep_120_up\":");
  if (nu > 0)
    append_stats (out, up, nu);
  else
    g_string_append (out, "null");
  g_free (up);

  p.steps = 120;
  p.store_frames = false;
  for (int r = 0; r < repeats; r++)
    {
      FlxLsmoResult res;
      gint64 t0 = g_get_monotonic_time ();
      flx_lsmo_run (&p, &res, NULL, NULL, err, sizeof err);
      sweep[r] = (g_get_monotonic_time () - t0) / 1e3;
      flx_lsmo_result_clear (&res);
    }
  g_string_append (out, ",\"sweep_120_up_down_with_rt\":");
  append_stats (out, sweep, repeats);
  g_free (sweep);
}

/* vacancy: the page's animation budget (one drift-diffusion step on 256 x 128 in a fixed
 * potential; frames/s at 8 steps per frame) and a 20-force sweep, each force a full
 * static-tip simulation on 256 x 128 to quasi-steady state. */
static void
bench_vacancy (GString *out, int repeats)
{
  const size_t nx = 256, nz = 128;
  FlxVacancyStepper *st = flx_vacancy_stepper_new (nx, nz, 1e-9, 0.5e-9);
  double *psi = g_new (double, nx * nz), *c = g_new (double, nx * nz);
  double step[60], *sweep = g_new (double, repeats);

  for (size_t k = 0; k < nx * nz; k++)
    {
      psi[k] = 2.0 * sin (0.05 * (k % nx)) * exp (-(double) (k / nx) / 20.0);
      c[k] = 1.0;
    }
  flx_vacancy_stepper_set (st, psi, 1e-18);
  for (int k = 0; k < 60; k++)
    {
      gint64 t0 = g_get_monotonic_time ();
      flx_vacancy_stepper_step (st, c);
      step[k] = (g_get_monotonic_time () - t0) / 1e3;
    }
  flx_vacancy_stepper_free (st);
  g_string_append (out, ",\"step_256x128\":");
  append_stats (out, step, 60);
  qsort (step, 60, sizeof *step, cmp_double);
  g_string_append_printf (out, ",\"frames_per_s_8_steps_per_frame\":%.1f",
                          1000.0 / (8 * quantile (step, 60, 0.5)));

  for (int r = 0; r < repeats; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      for (int k = 0; k < 20; k++)
        {
          FlxVacancyParams p;
          FlxVacancyResult res;
          flx_vacancy_params_init (&p);
          p.nx = nx;
          p.nz = nz;
          p.sweeps = false;
          p.force = 10e-6 * (k + 1) / 20.0;
          if (flx_vacancy_run (&p, FLX_QUALITY_FULL, &res, NULL, NULL, NULL, 0) == FLX_OK)
            flx_vacancy_result_clear (&res);
        }
      sweep[r] = (g_get_monotonic_time () - t0) / 1e3;
    }
  g_string_append (out, ",\"force_sweep_20_at_256x128\":");
  append_stats (out, sweep, repeats);
  g_free (sweep);
  g_free (psi);
  g_free (c);
}

/* Runs `flexolab --bench-gui` and appends its JSON object (or why there is none).  The
 * child gets this process's clock reading just before the spawn, so its start-up figure
 * includes exec and dynamic linking. */
static void
bench_gui (GString *out, gboolean quick)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) proc = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *t0 = NULL, *json = NULL, *xvfb = NULL;
  const char *display = g_getenv ("DISPLAY"), *wayland = g_getenv ("WAYLAND_DISPLAY");
  const char *idle = quick ? "1" : "3";

  if ((display == NULL || *display == '\0') && (wayland == NULL || *wayland == '\0') &&
      (xvfb = g_find_program_in_path ("xvfb-run")) == NULL)
    {
      g_string_append (out, "{\"skipped\":\"no display\"}");
      return;
    }
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  /* Without a GPU (Xvfb, VMs) GTK's GL renderer runs on Mesa's llvmpipe and the figures
   * measure that software rasteriser (~0.2-0.35 s a frame here, 65 % of the CPU in its
   * threads), not the app: cairo unless GSK_RENDERER says otherwise.  "renderer" in the
   * output names the one used. */
  if (g_getenv ("GSK_RENDERER") == NULL)
    g_subprocess_launcher_setenv (launcher, "GSK_RENDERER", "cairo", TRUE);
  if (xvfb != NULL)
    /* Its own X server; the app then times itself from its exec (/proc), so the server's
     * start-up is not counted. */
    proc = g_subprocess_launcher_spawn (launcher, &error, xvfb, "-a", "-s",
                                        "-screen 0 1600x1000x24", FLEXOLAB_BIN, "--bench-gui",
                                        "--bench-idle", idle, NULL);
  else
    {
      t0 = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_monotonic_time ());
      g_subprocess_launcher_setenv (launcher, "FLEXOLAB_BENCH_T0", t0, TRUE);
      proc = g_subprocess_launcher_spawn (launcher, &error, FLEXOLAB_BIN, "--bench-gui",
                                          "--bench-idle", idle, NULL);
    }
  if (proc != NULL)
    g_subprocess_communicate_utf8 (proc, NULL, NULL, &json, NULL, &error);
  if (error != NULL)
    {
      g_autofree char *msg = g_strescape (error->message, NULL);
      g_string_append_printf (out, "{\"error\":\"%s\"}", msg);
      return;
    }
  g_strstrip (json);
  if (json[0] != '{')
    g_string_append_printf (out, "{\"error\":\"flexolab --bench-gui exited with status %d "
                            "and no result\"}", g_subprocess_get_exit_status (proc));
  else
    g_string_append (out, json);
}

int
main (int argc, char **argv)
{
  gboolean quick = FALSE, gui_only = FALSE;
  const char *only = NULL;
  GString *out = g_string_new (NULL);
  struct rusage ru;
  gboolean first = TRUE;

  gsl_set_error_handler_off ();
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--quick") == 0)
        quick = TRUE;
      else if (strcmp (argv[i], "--model") == 0 && i + 1 < argc)
        only = argv[++i];
      else if (strcmp (argv[i], "--gui") == 0)
        gui_only = TRUE;
      else
        {
          fprintf (stderr, "usage: flexolab-bench [--quick] [--model ID] [--gui]\n");
          return 2;
        }
    }

  g_string_append_printf (out, "{\"program\":\"flexolab-bench\",\"version\":\"%s\","
                          "\"quick\":%s,\"cpus\":%u,\"threads\":%u,\"models\":{",
                          PACKAGE_VERSION, quick ? "true" : "false", g_get_num_processors (),
                          g_get_num_processors ());
  for (size_t i = 0; i < flx_model_count (); i++)
    {
      const FlxModel *m = flx_model_get (i);
      if (gui_only || m->run == NULL || (only != NULL && strcmp (only, m->id) != 0))
        continue;
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      g_string_append_printf (out, "\"%s\":{\"fast\":", m->id);
      time_model (m, FLX_QUALITY_FAST, quick ? 10 : 50, out);
      g_string_append (out, ",\"full\":");
      time_model (m, FLX_QUALITY_FULL, quick ? 3 : 10, out);
      if (strcmp (m->id, "cfr") == 0)
        bench_cfr_sweep (out, quick ? 2 : 5);
      if (strcmp (m->id, "lsmo") == 0)
        bench_lsmo (out, quick ? 1 : 3);
      if (strcmp (m->id, "vacancy") == 0)
        bench_vacancy (out, quick ? 1 : 3);
      g_string_append_c (out, '}');
    }
  getrusage (RUSAGE_SELF, &ru);
  g_string_append_printf (out, "},\"peak_rss_mb\":%.1f", ru.ru_maxrss / 1024.0);
  if (only == NULL)
    {
      g_string_append (out, ",\"gui\":");
      bench_gui (out, quick);
    }
  g_string_append (out, "}\n");
  fputs (out->str, stdout);
  g_string_free (out, TRUE);
  return 0;
}
