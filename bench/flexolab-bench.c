/* flexolab-bench: measures every implemented model's interactive (FAST) and full (FULL)
 * solve and prints one JSON document.  Performance is measured here, never in unit tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: flexolab-bench [--quick] [--model ID]
 * For each model: median, min, max and interquartile spread of wall-clock time over
 * repeated runs at the default parameters, with a parameter nudged between runs so no
 * result cache can answer; plus peak RSS and the number of CPUs.
 */
#include "config.h"

#include <glib.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "flx-model.h"

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

int
main (int argc, char **argv)
{
  gboolean quick = FALSE;
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
      else
        {
          fprintf (stderr, "usage: flexolab-bench [--quick] [--model ID]\n");
          return 2;
        }
    }

  g_string_append_printf (out, "{\"program\":\"flexolab-bench\",\"version\":\"%s\","
                          "\"quick\":%s,\"cpus\":%u,\"models\":{",
                          PACKAGE_VERSION, quick ? "true" : "false", g_get_num_processors ());
  for (size_t i = 0; i < flx_model_count (); i++)
    {
      const FlxModel *m = flx_model_get (i);
      if (m->run == NULL || (only != NULL && strcmp (only, m->id) != 0))
        continue;
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      g_string_append_printf (out, "\"%s\":{\"fast\":", m->id);
      time_model (m, FLX_QUALITY_FAST, quick ? 10 : 50, out);
      g_string_append (out, ",\"full\":");
      time_model (m, FLX_QUALITY_FULL, quick ? 3 : 10, out);
      g_string_append_c (out, '}');
    }
  getrusage (RUSAGE_SELF, &ru);
  g_string_append_printf (out, "},\"peak_rss_mb\":%.1f}\n", ru.ru_maxrss / 1024.0);
  fputs (out->str, stdout);
  g_string_free (out, TRUE);
  return 0;
}
