/* flx-cli.c: the headless command line.  It reads the same model registry as the GUI,
 * so parameter names, units and ranges have one definition.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "flx-cli.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "flx-export.h"
#include "flx-json.h"
#include "flx-model.h"
#include "flx-sweep.h"
#include "flx-units.h"

enum { EXIT_OK = 0, EXIT_FAILURE_RUN = 1, EXIT_USAGE = 2 };

static void
print_usage (FILE *out)
{
  fprintf (out,
           _("Usage:\n"
             "  flexolab                      Start the graphical application\n"
             "  flexolab --widget-gallery     Show the plot and field widgets with sample data\n"
             "  flexolab list [--json]        List models, parameters (units, defaults, ranges)\n"
             "                                and outputs\n"
             "  flexolab run MODEL [OPTIONS]  Run a model without a display and print the result\n"
             "  flexolab sweep MODEL --param NAME --from A --to B --steps N --output FILE\n"
             "                                Run a model over a range of one parameter\n"
             "  flexolab --version            Print the version\n"
             "  flexolab --help               Print this help\n"
             "\n"
             "Options for run:\n"
             "  --set NAME=VALUE   Set a parameter; values take units, e.g. force=15uN,\n"
             "                     tip_radius=\"100 nm\", bias=0.5V (repeatable)\n"
             "  --json             Print a JSON document (values in SI; energies in eV)\n"
             "  --output FILE      Also write the run to FILE.h5 (HDF5) or FILE.csv\n"
             "  --quality Q        fast or full (default full)\n"
             "\n"
             "Options for sweep (also --set and --quality as for run):\n"
             "  --param NAME       The number parameter to sweep\n"
             "  --from A --to B    First and last value, with units like --set (15uN)\n"
             "  --steps N          Number of points (2 to 10000), ends included\n"
             "  --log              Equal ratios instead of equal steps (A and B above zero)\n"
             "  --threads N        Points run in parallel (default: one per processor)\n"
             "  --output FILE      FILE.h5 (scalars and series per point) or FILE.csv (one row\n"
             "                     per point); Ctrl+C stops and writes the points done, marked\n"
             "                     incomplete (exit status 130)\n"
             "\n"
             "Exit status: 0 success, 2 bad usage or parameter, 1 runtime failure,\n"
             "130 sweep interrupted.\n"));
}

gboolean
flx_cli_wants (int argc, char **argv)
{
  static const char *const words[] = { "list", "run", "sweep", "help", "--help", "-h", "--version" };

  if (argc < 2)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (words); i++)
    if (strcmp (argv[1], words[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Appends ,"key":"value" (the object has already been opened). */
static void
member (GString *s, const char *key, const char *value)
{
  g_string_append_printf (s, ",\"%s\":", key);
  flx_json_string (s, value);
}

/* The axis names and units of a series, shared by `list` and `run`. */
static void
series_axes (GString *s, const FlxSeriesSpec *se)
{
  member (s, "x_label", se->x_label);
  member (s, "x_unit", se->x_unit);
  member (s, "y_label", se->y_label);
  member (s, "y_unit", se->y_unit);
}

static const char *
kind_name (FlxParamKind kind)
{
  return kind == FLX_PARAM_CHOICE ? "choice" : kind == FLX_PARAM_BOOLEAN ? "boolean" : "number";
}

static void
json_param_value (GString *s, const FlxParamSpec *p, double v)
{
  if (p->kind == FLX_PARAM_CHOICE)
    flx_json_string (s, p->choices[(int) v]);
  else if (p->kind == FLX_PARAM_BOOLEAN)
    g_string_append (s, v != 0.0 ? "true" : "false");
  else
    flx_json_number (s, v);
}

static void
json_model (GString *s, const FlxModel *m)
{
  g_string_append (s, "{\"id\":");
  flx_json_string (s, m->id);
  member (s, "title", m->title);
  member (s, "summary", m->summary);
  member (s, "source", m->source);
  g_string_append_printf (s, ",\"implemented\":%s,\"parameters\":[", m->run ? "true" : "false");
  for (size_t i = 0; i < m->n_params; i++)
    {
      const FlxParamSpec *p = &m->params[i];
      if (i > 0)
        g_string_append_c (s, ',');
      g_string_append (s, "{\"name\":");
      flx_json_string (s, p->name);
      member (s, "label", p->label);
      member (s, "kind", kind_name (p->kind));
      member (s, "unit", p->unit);
      g_string_append (s, ",\"default\":");
      json_param_value (s, p, p->def);
      if (p->kind == FLX_PARAM_NUMBER)
        {
          g_string_append (s, ",\"min\":");
          flx_json_number (s, p->min);
          g_string_append (s, ",\"max\":");
          flx_json_number (s, p->max);
        }
      if (p->kind == FLX_PARAM_CHOICE)
        {
          g_string_append (s, ",\"choices\":[");
          for (size_t c = 0; c < flx_param_n_choices (p); c++)
            {
              if (c > 0)
                g_string_append_c (s, ',');
              flx_json_string (s, p->choices[c]);
            }
          g_string_append_c (s, ']');
        }
      member (s, "description", p->description);
      g_string_append_c (s, '}');
    }
  g_string_append (s, "],\"scalars\":[");
  for (size_t i = 0; i < m->n_scalars; i++)
    {
      g_string_append (s, i ? ",{\"name\":" : "{\"name\":");
      flx_json_string (s, m->scalars[i].name);
      member (s, "label", m->scalars[i].label);
      member (s, "unit", m->scalars[i].unit);
      g_string_append_c (s, '}');
    }
  g_string_append (s, "],\"series\":[");
  for (size_t i = 0; i < m->n_series; i++)
    {
      const FlxSeriesSpec *se = &m->series[i];
      g_string_append (s, i ? ",{\"name\":" : "{\"name\":");
      flx_json_string (s, se->name);
      member (s, "label", se->label);
      series_axes (s, se);
      g_string_append_c (s, '}');
    }
  g_string_append (s, "],\"fields\":[");
  for (size_t i = 0; i < m->n_fields; i++)
    {
      g_string_append (s, i ? ",{\"name\":" : "{\"name\":");
      flx_json_string (s, m->fields[i].name);
      member (s, "label", m->fields[i].label);
      member (s, "unit", m->fields[i].unit);
      g_string_append_c (s, '}');
    }
  g_string_append (s, "]}");
}

static char *
param_default_text (const FlxParamSpec *p)
{
  if (p->kind == FLX_PARAM_CHOICE)
    return g_strdup (p->choices[(int) p->def]);
  if (p->kind == FLX_PARAM_BOOLEAN)
    return g_strdup (p->def != 0.0 ? "true" : "false");
  return flx_units_format (p->def, p->unit, 4);
}

static int
cmd_list (int argc, char **argv)
{
  gboolean json = FALSE;

  for (int i = 2; i < argc; i++)
    {
      if (strcmp (argv[i], "--json") == 0)
        json = TRUE;
      else
        {
          fprintf (stderr, _("flexolab list: unknown option '%s'\n"), argv[i]);
          return EXIT_USAGE;
        }
    }
  if (json)
    {
      GString *s = g_string_new ("{\"program\":\"flexolab\",\"version\":");
      flx_json_string (s, PACKAGE_VERSION);
      g_string_append (s, ",\"models\":[");
      for (size_t i = 0; i < flx_model_count (); i++)
        {
          if (i > 0)
            g_string_append_c (s, ',');
          json_model (s, flx_model_get (i));
        }
      g_string_append (s, "]}\n");
      fputs (s->str, stdout);
      g_string_free (s, TRUE);
      return EXIT_OK;
    }
  for (size_t i = 0; i < flx_model_count (); i++)
    {
      const FlxModel *m = flx_model_get (i);
      printf ("%s — %s%s\n  %s\n  Parameters:\n", m->id, m->title,
              m->run ? "" : _(" (not implemented yet)"), m->summary);
      for (size_t k = 0; k < m->n_params; k++)
        {
          const FlxParamSpec *p = &m->params[k];
          g_autofree char *def = param_default_text (p);
          g_autofree char *range = NULL;
          if (p->kind == FLX_PARAM_NUMBER)
            range = flx_param_range_text (p);
          else if (p->kind == FLX_PARAM_CHOICE)
            range = g_strjoinv ("|", (char **) p->choices);
          else
            range = g_strdup ("true|false");
          printf ("    %-18s %-8s default %-12s %s\n", p->name, p->unit[0] ? p->unit : "-",
                  def, range);
        }
      printf ("  Scalars:");
      for (size_t k = 0; k < m->n_scalars; k++)
        printf (" %s", m->scalars[k].name);
      printf ("\n  Series:");
      for (size_t k = 0; k < m->n_series; k++)
        printf (" %s", m->series[k].name);
      printf ("\n\n");
    }
  return EXIT_OK;
}

static void
print_run_json (const FlxResult *r, const double *values)
{
  const FlxModel *m = r->model;
  GString *s = g_string_new ("{\"model\":");
  gboolean first;

  flx_json_string (s, m->id);
  member (s, "version", PACKAGE_VERSION);
  member (s, "quality", r->quality == FLX_QUALITY_FULL ? "full" : "fast");
  g_string_append (s, ",\"parameters\":{");
  for (size_t i = 0; i < m->n_params; i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      flx_json_string (s, m->params[i].name);
      g_string_append_c (s, ':');
      json_param_value (s, &m->params[i], values[i]);
    }
  g_string_append (s, "},\"scalars\":{");
  first = TRUE;
  for (size_t i = 0; i < m->n_scalars; i++)
    {
      if (!r->scalar_set[i])
        continue;
      if (!first)
        g_string_append_c (s, ',');
      flx_json_string (s, m->scalars[i].name);
      g_string_append_c (s, ':');
      flx_json_number (s, r->scalars[i]);
      first = FALSE;
    }
  g_string_append (s, "},\"units\":{");
  for (size_t i = 0; i < m->n_scalars; i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      flx_json_string (s, m->scalars[i].name);
      g_string_append_c (s, ':');
      flx_json_string (s, m->scalars[i].unit);
    }
  g_string_append (s, "},\"series\":{");
  first = TRUE;
  for (size_t i = 0; i < m->n_series; i++)
    {
      const FlxSeriesSpec *se = &m->series[i];
      if (r->series[i].n == 0)
        continue;
      if (!first)
        g_string_append_c (s, ',');
      flx_json_string (s, se->name);
      g_string_append (s, ":{\"x\":");
      flx_json_array (s, r->series[i].x, r->series[i].n);
      g_string_append (s, ",\"y\":");
      flx_json_array (s, r->series[i].y, r->series[i].n);
      series_axes (s, se);
      g_string_append_c (s, '}');
      first = FALSE;
    }
  g_string_append (s, "},\"fields\":{");
  first = TRUE;
  for (size_t i = 0; i < m->n_fields; i++)
    {
      const FlxField *f = &r->fields[i];
      if (f->data == NULL)
        continue;
      if (!first)
        g_string_append_c (s, ',');
      flx_json_string (s, m->fields[i].name);
      g_string_append_printf (s, ":{\"nx\":%zu,\"ny\":%zu,\"x_range\":", f->nx, f->ny);
      flx_json_array (s, (double[]) { f->x0, f->x1 }, 2);
      g_string_append (s, ",\"y_range\":");
      flx_json_array (s, (double[]) { f->y0, f->y1 }, 2);
      member (s, "unit", m->fields[i].unit);
      g_string_append_c (s, '}');
      first = FALSE;
    }
  g_string_append (s, "},\"note\":");
  flx_json_string (s, r->note);
  g_string_append (s, ",\"warning\":");
  flx_json_string (s, r->warning);
  g_string_append (s, "}\n");
  fputs (s->str, stdout);
  g_string_free (s, TRUE);
}

static void
print_run_text (const FlxResult *r, const double *values)
{
  const FlxModel *m = r->model;

  printf ("%s — %s\n\nParameters\n", m->id, m->title);
  for (size_t i = 0; i < m->n_params; i++)
    {
      const FlxParamSpec *p = &m->params[i];
      g_autofree char *v = NULL;
      if (p->kind == FLX_PARAM_CHOICE)
        v = g_strdup (p->choices[(int) values[i]]);
      else if (p->kind == FLX_PARAM_BOOLEAN)
        v = g_strdup (values[i] != 0.0 ? "true" : "false");
      else
        v = flx_units_format (values[i], p->unit, 6);
      printf ("  %-24s %s\n", p->name, v);
    }
  printf ("\nScalars\n");
  for (size_t i = 0; i < m->n_scalars; i++)
    if (r->scalar_set[i])
      {
        g_autofree char *v = flx_units_format (r->scalars[i], m->scalars[i].unit, 6);
        printf ("  %-24s %s\n", m->scalars[i].name, v);
      }
  printf ("\nSeries\n");
  for (size_t i = 0; i < m->n_series; i++)
    if (r->series[i].n > 0)
      printf ("  %-24s %zu points (%s vs %s)\n", m->series[i].name, r->series[i].n,
              m->series[i].y_label, m->series[i].x_label);
  if (r->note[0])
    printf ("\n%s\n", r->note);
}

/* What `run` and `sweep` share: the model, --set values, --output and --quality, with one
 * set of checks and messages. */
typedef struct {
  const char     *cmd; /* "run" or "sweep", for messages */
  const FlxModel *model;
  double         *values;
  gboolean       *explicit_set;
  const char     *output;
  FlxQuality      quality;
} CliCommon;

static void
cli_common_clear (CliCommon *c)
{
  g_clear_pointer (&c->values, g_free);
  g_clear_pointer (&c->explicit_set, g_free);
}

static void
print_model_ids (void)
{
  fprintf (stderr, " (");
  for (size_t i = 0; i < flx_model_count (); i++)
    fprintf (stderr, i ? " %s" : "%s", flx_model_get (i)->id);
  fprintf (stderr, ")\n");
}

/* argv[2] names the model; the values start at its defaults. */
static gboolean
cli_common_init (CliCommon *c, const char *cmd, int argc, char **argv)
{
  *c = (CliCommon) { .cmd = cmd, .quality = FLX_QUALITY_FULL };
  if (argc < 3 || argv[2][0] == '-')
    {
      fprintf (stderr, _("flexolab %s: missing MODEL, one of"), cmd);
      print_model_ids ();
      return FALSE;
    }
  c->model = flx_model_find (argv[2]);
  if (c->model == NULL)
    {
      fprintf (stderr, _("flexolab %s: unknown model '%s', one of"), cmd, argv[2]);
      print_model_ids ();
      return FALSE;
    }
  c->values = g_new0 (double, c->model->n_params + 1);
  c->explicit_set = g_new0 (gboolean, c->model->n_params + 1);
  flx_model_defaults (c->model, c->values);
  return TRUE;
}

typedef enum { OPT_NO, OPT_OK, OPT_MISSING } OptMatch;

/* argv[*i] as "NAME VALUE", "SHORT VALUE" or "NAME=VALUE"; *i ends on the last word used. */
static OptMatch
match_option (int argc, char **argv, int *i, const char *name, const char *short_name,
              const char **value)
{
  const char *arg = argv[*i];
  size_t len = strlen (name);

  if (strcmp (arg, name) == 0 || (short_name != NULL && strcmp (arg, short_name) == 0))
    {
      if (*i + 1 >= argc)
        return OPT_MISSING;
      *value = argv[++*i];
      return OPT_OK;
    }
  if (strncmp (arg, name, len) == 0 && arg[len] == '=')
    {
      *value = arg + len + 1;
      return OPT_OK;
    }
  return OPT_NO;
}

static gboolean
cli_common_assign (CliCommon *c, const char *assignment)
{
  const char *eq = strchr (assignment, '=');
  g_autofree char *name = NULL;
  g_autoptr (GError) error = NULL;
  int idx;

  if (eq == NULL || eq == assignment)
    {
      fprintf (stderr, _("flexolab %s: '%s' is not NAME=VALUE\n"), c->cmd, assignment);
      return FALSE;
    }
  name = g_strndup (assignment, eq - assignment);
  idx = flx_model_find_param (c->model, name);
  if (idx < 0)
    {
      fprintf (stderr, _("flexolab %s: model '%s' has no parameter '%s' (see flexolab list)\n"),
               c->cmd, c->model->id, name);
      return FALSE;
    }
  if (!flx_param_parse (&c->model->params[idx], eq + 1, &c->values[idx], &error))
    {
      fprintf (stderr, "flexolab %s: %s\n", c->cmd, error->message);
      return FALSE;
    }
  c->explicit_set[idx] = TRUE;
  return TRUE;
}

/* Consumes --set, --output or --quality at argv[*i]: 1 done, 0 not one of them, -1 bad
 * (message printed). */
static int
cli_common_option (CliCommon *c, int argc, char **argv, int *i)
{
  const char *v = NULL;
  OptMatch om;

  if ((om = match_option (argc, argv, i, "--set", "-s", &v)) != OPT_NO)
    {
      if (om == OPT_MISSING)
        {
          fprintf (stderr, _("flexolab %s: --set needs NAME=VALUE\n"), c->cmd);
          return -1;
        }
      return cli_common_assign (c, v) ? 1 : -1;
    }
  if ((om = match_option (argc, argv, i, "--output", "-o", &v)) != OPT_NO)
    {
      if (om == OPT_MISSING)
        {
          fprintf (stderr, _("flexolab %s: --output needs a file name\n"), c->cmd);
          return -1;
        }
      c->output = v;
      return 1;
    }
  if ((om = match_option (argc, argv, i, "--quality", NULL, &v)) != OPT_NO)
    {
      const char *q = om == OPT_MISSING ? "" : v;
      if (strcmp (q, "fast") == 0)
        c->quality = FLX_QUALITY_FAST;
      else if (strcmp (q, "full") == 0)
        c->quality = FLX_QUALITY_FULL;
      else
        {
          fprintf (stderr, _("flexolab %s: --quality must be fast or full, not '%s'\n"), c->cmd, q);
          return -1;
        }
      return 1;
    }
  return 0;
}

/* After parsing: presets (a material's constants) first, then the explicit values win
 * again; the output name is checked before any work. */
static gboolean
cli_common_finish (CliCommon *c)
{
  const FlxModel *m = c->model;

  if (m->preset != NULL)
    {
      g_autofree double *given = g_memdup2 (c->values, (m->n_params + 1) * sizeof (double));
      for (size_t i = 0; i < m->n_params; i++)
        if (c->explicit_set[i])
          flx_model_preset (m, (int) i, c->values);
      for (size_t i = 0; i < m->n_params; i++)
        if (c->explicit_set[i])
          c->values[i] = given[i];
    }
  if (c->output != NULL)
    {
      if (g_file_test (c->output, G_FILE_TEST_IS_DIR))
        {
          fprintf (stderr, _("flexolab %s: output '%s' is a folder\n"), c->cmd, c->output);
          return FALSE;
        }
      if (flx_export_kind_for_path (c->output) == FLX_EXPORT_UNKNOWN)
        {
          fprintf (stderr, _("flexolab %s: unknown output format for '%s': use .h5 or .csv\n"),
                   c->cmd, c->output);
          return FALSE;
        }
    }
  return TRUE;
}

static int
cmd_run (int argc, char **argv)
{
  CliCommon c;
  gboolean json = FALSE;
  FlxResult *result = NULL;
  FlxStatus st;
  char errmsg[512] = "";
  int ret = EXIT_OK;

  if (!cli_common_init (&c, "run", argc, argv))
    return EXIT_USAGE;
  for (int i = 3; i < argc; i++)
    {
      int got = 1;

      if (strcmp (argv[i], "--json") == 0)
        json = TRUE;
      else
        got = cli_common_option (&c, argc, argv, &i);
      if (got == 0)
        fprintf (stderr, _("flexolab run: unknown option '%s' (see flexolab --help)\n"), argv[i]);
      if (got <= 0)
        {
          cli_common_clear (&c);
          return EXIT_USAGE;
        }
    }
  if (!cli_common_finish (&c))
    {
      cli_common_clear (&c);
      return EXIT_USAGE;
    }

  st = flx_model_run (c.model, c.values, c.quality, &result, NULL, NULL, errmsg, sizeof errmsg);
  if (st != FLX_OK)
    {
      fprintf (stderr, "flexolab run: %s\n", errmsg[0] ? errmsg : flx_status_to_string (st));
      cli_common_clear (&c);
      return st == FLX_E_PARAM ? EXIT_USAGE : EXIT_FAILURE_RUN;
    }
  if (result->warning[0])
    fprintf (stderr, _("flexolab run: warning: %s\n"), result->warning);
  if (json)
    print_run_json (result, c.values);
  else
    print_run_text (result, c.values);

  if (c.output != NULL)
    {
      g_autoptr (GError) error = NULL;
      if (!flx_export_result (result, c.values, c.output, &error))
        {
          fprintf (stderr, "flexolab run: %s\n", error->message);
          ret = EXIT_FAILURE_RUN;
        }
    }
  flx_result_free (result);
  cli_common_clear (&c);
  return ret;
}

/* --- sweep ------------------------------------------------------------------------ */

/* A cap that keeps the series of every point in memory at a few hundred MB (cfr: about
 * 60 kB of series per point). */
#define SWEEP_MAX_STEPS 10000
#define EXIT_INTERRUPTED 130 /* 128 + SIGINT, what a shell reports for Ctrl+C */

static volatile gint sweep_stop;

static void
sweep_sigint (int signum)
{
  (void) signum;
  g_atomic_int_set (&sweep_stop, 1); /* a lock-free store: async-signal-safe */
}

typedef struct {
  gboolean    tty;
  size_t      printed; /* points already reported as lines */
  gint64      start;
  const char *name;
} SweepProgress;

/* A bar redrawn with \r on a terminal; elsewhere one "point k/N" line per point. */
static void
sweep_progress_cb (size_t done, size_t n, void *user_data)
{
  SweepProgress *sp = user_data;

  if (sp->tty)
    {
      char bar[31];
      size_t fill = n ? done * 30 / n : 30;
      double t = (g_get_monotonic_time () - sp->start) / (double) G_USEC_PER_SEC;
      memset (bar, '#', fill);
      memset (bar + fill, '-', 30 - fill);
      bar[30] = '\0';
      if (done > 0 && done < n) /* time left, assuming the points cost alike */
        fprintf (stderr, _("\rsweep %s [%s] %zu/%zu points  %.1f s, about %.0f s left "),
                 sp->name, bar, done, n, t, t / done * (n - done));
      else
        fprintf (stderr, _("\rsweep %s [%s] %zu/%zu points  %.1f s                 "),
                 sp->name, bar, done, n, t);
    }
  else
    for (; sp->printed < done; sp->printed++)
      fprintf (stderr, _("point %zu/%zu\n"), sp->printed + 1, n);
  fflush (stderr);
}

/* A whole number from lo to hi, or -1. */
static long
parse_count (const char *text, long lo, long hi)
{
  char *end = NULL;
  gint64 v;

  if (text == NULL || *text == '\0')
    return -1;
  v = g_ascii_strtoll (text, &end, 10);
  return *end == '\0' && v >= lo && v <= hi ? (long) v : -1;
}

/* Parses --from/--to with the parameter's units and range; message names both. */
static gboolean
sweep_bound (const FlxParamSpec *p, const char *option, const char *text, double *value)
{
  g_autoptr (GError) error = NULL;

  if (text == NULL)
    {
      g_autofree char *range = flx_param_range_text (p);
      fprintf (stderr, _("flexolab sweep: %s is required (%s: allowed range %s)\n"), option,
               p->name, range);
      return FALSE;
    }
  if (!flx_param_parse (p, text, value, &error))
    {
      fprintf (stderr, "flexolab sweep: %s: %s\n", option, error->message);
      return FALSE;
    }
  return TRUE;
}

/* "tip_radius, force, …": what --param accepts. */
static char *
number_param_names (const FlxModel *m)
{
  GString *s = g_string_new (NULL);

  for (size_t i = 0; i < m->n_params; i++)
    if (m->params[i].kind == FLX_PARAM_NUMBER)
      g_string_append_printf (s, "%s%s", s->len ? ", " : "", m->params[i].name);
  return g_string_free (s, FALSE);
}

static int
cmd_sweep (int argc, char **argv)
{
  CliCommon c;
  const char *param_name = NULL, *from_text = NULL, *to_text = NULL, *steps_text = NULL;
  const char *threads_text = NULL;
  gboolean log_spacing = FALSE;
  const FlxParamSpec *p;
  int param, n_threads = (int) MIN (g_get_num_processors (), 64);
  long n;
  double from, to;
  char errmsg[512] = "";
  int ret = EXIT_USAGE;

  if (!cli_common_init (&c, "sweep", argc, argv))
    return EXIT_USAGE;
  for (int i = 3; i < argc; i++)
    {
      struct { const char *name; const char **dest; } opts[] = {
        { "--param", &param_name }, { "--from", &from_text }, { "--to", &to_text },
        { "--steps", &steps_text }, { "--threads", &threads_text },
      };
      int got = 0;

      if (strcmp (argv[i], "--log") == 0)
        log_spacing = got = 1;
      for (gsize k = 0; got == 0 && k < G_N_ELEMENTS (opts); k++)
        {
          OptMatch om = match_option (argc, argv, &i, opts[k].name, NULL, opts[k].dest);
          if (om == OPT_MISSING)
            {
              fprintf (stderr, _("flexolab sweep: %s needs a value\n"), opts[k].name);
              got = -1;
            }
          else if (om == OPT_OK)
            got = 1;
        }
      if (got == 0)
        got = cli_common_option (&c, argc, argv, &i);
      if (got == 0)
        fprintf (stderr, _("flexolab sweep: unknown option '%s' (see flexolab --help)\n"), argv[i]);
      if (got <= 0)
        goto out;
    }

  if (param_name == NULL)
    {
      g_autofree char *names = number_param_names (c.model);
      fprintf (stderr, _("flexolab sweep: --param NAME is required, one of: %s\n"), names);
      goto out;
    }
  param = flx_model_find_param (c.model, param_name);
  if (param < 0)
    {
      g_autofree char *names = number_param_names (c.model);
      fprintf (stderr, _("flexolab sweep: model '%s' has no parameter '%s'; it can sweep: %s\n"),
               c.model->id, param_name, names);
      goto out;
    }
  p = &c.model->params[param];
  if (p->kind != FLX_PARAM_NUMBER)
    {
      g_autofree char *choices = p->kind == FLX_PARAM_CHOICE
                                   ? g_strjoinv (", ", (char **) p->choices)
                                   : g_strdup ("true, false");
      fprintf (stderr, _("flexolab sweep: '%s' takes one of %s, not a number; only number "
                         "parameters can be swept (run each value with --set)\n"),
               p->name, choices);
      goto out;
    }
  if (c.explicit_set[param])
    {
      fprintf (stderr, _("flexolab sweep: --set %s conflicts with --param %s\n"), p->name, p->name);
      goto out;
    }
  if (!sweep_bound (p, "--from", from_text, &from) || !sweep_bound (p, "--to", to_text, &to))
    goto out;
  n = parse_count (steps_text, 2, SWEEP_MAX_STEPS);
  if (n < 0)
    {
      fprintf (stderr, _("flexolab sweep: --steps must be a whole number from 2 to %d, not '%s'\n"),
               SWEEP_MAX_STEPS, steps_text ? steps_text : "");
      goto out;
    }
  if (log_spacing && (from <= 0 || to <= 0))
    {
      g_autofree char *a = flx_units_format (from, p->unit, 4);
      g_autofree char *b = flx_units_format (to, p->unit, 4);
      g_autofree char *range = flx_param_range_text (p);
      fprintf (stderr, _("flexolab sweep: --log needs --from and --to above zero, not %s to %s "
                         "(%s: allowed range %s)\n"), a, b, p->name, range);
      goto out;
    }
  if (threads_text != NULL && (n_threads = (int) parse_count (threads_text, 1, 64)) < 0)
    {
      fprintf (stderr, _("flexolab sweep: --threads must be a whole number from 1 to 64, not '%s'\n"),
               threads_text);
      goto out;
    }
  if (c.output == NULL)
    {
      fprintf (stderr, _("flexolab sweep: --output FILE.h5 or FILE.csv is required\n"));
      goto out;
    }
  if (!cli_common_finish (&c))
    goto out;
  {
    /* A long sweep must not find out at the end that its file cannot be written. */
    g_autofree char *dir = g_path_get_dirname (c.output);
    if (!g_file_test (dir, G_FILE_TEST_IS_DIR) || g_access (dir, W_OK) != 0)
      {
        fprintf (stderr, _("flexolab sweep: cannot write in folder '%s' for '%s'\n"), dir,
                 c.output);
        goto out;
      }
  }
  if (c.model->run == NULL)
    {
      fprintf (stderr, _("flexolab sweep: model '%s' (%s) is not implemented yet\n"),
               c.model->id, c.model->title);
      ret = EXIT_FAILURE_RUN;
      goto out;
    }
  /* The fixed values once, so a bad --set combination is reported before any point. */
  c.values[param] = from;
  if (flx_model_check (c.model, c.values, errmsg, sizeof errmsg) != FLX_OK)
    {
      fprintf (stderr, "flexolab sweep: %s\n", errmsg);
      goto out;
    }
  if (!flx_model_param_relevant (c.model, param, c.values))
    fprintf (stderr, _("flexolab sweep: note: %s does not change the result with these "
                       "settings (the page hides it); sweeping anyway\n"), p->name);

  {
    g_autofree double *points = g_new (double, n);
    g_autofree FlxResult **results = g_new0 (FlxResult *, n);
    g_autofree double *done_values = g_new (double, n);
    g_autofree size_t *done_index = g_new (size_t, n);
    SweepProgress sp = { isatty (fileno (stderr)), 0, g_get_monotonic_time (), p->name };
    FlxSweepPlan plan = { c.model, c.values, param, points, (size_t) n, c.quality, n_threads,
                          flx_export_kind_for_path (c.output) == FLX_EXPORT_HDF5, &sweep_stop };
    struct sigaction sa = { 0 }, old_sa;
    size_t failed = 0, n_done = 0;
    FlxStatus st;

    flx_sweep_points (from, to, (size_t) n, log_spacing, points);
    /* The first Ctrl+C stops the sweep and writes what is done; SA_RESETHAND lets a second
     * one kill the process at once. */
    g_atomic_int_set (&sweep_stop, 0);
    sa.sa_handler = sweep_sigint;
    sa.sa_flags = SA_RESETHAND | SA_RESTART; /* stderr writes are not cut short */
    sigemptyset (&sa.sa_mask);
    sigaction (SIGINT, &sa, &old_sa);
    st = flx_sweep_run (&plan, results, sweep_progress_cb, &sp, &failed, errmsg, sizeof errmsg);
    if (sp.tty)
      fputc ('\n', stderr);
    /* The finished points, in plan order, to the front. */
    for (long k = 0; k < n; k++)
      if (results[k] != NULL)
        {
          done_values[n_done] = points[k];
          done_index[n_done] = (size_t) k;
          results[n_done++] = results[k];
        }

    /* Validity warnings as `run` prints them, but once per sweep: how many points, and
     * the first one's text. */
    {
      size_t n_warn = 0, first = 0;
      for (size_t k = 0; k < n_done; k++)
        if (results[k]->warning[0] && n_warn++ == 0)
          first = k;
      if (n_warn > 0 && (st == FLX_OK || st == FLX_E_CANCELLED))
        {
          g_autofree char *at = flx_units_format (done_values[first], p->unit, 6);
          fprintf (stderr, _("flexolab sweep: warning at %zu of %zu points, first at %s = %s: %s\n"),
                   n_warn, n_done, p->name, at, results[first]->warning);
        }
    }

    if (st != FLX_OK && st != FLX_E_CANCELLED)
      {
        g_autofree char *at = flx_units_format (points[failed], p->unit, 6);
        fprintf (stderr, _("flexolab sweep: point %zu of %ld (%s = %s) failed: %s; no file written\n"),
                 failed + 1, n, p->name, at, errmsg);
        ret = st == FLX_E_PARAM ? EXIT_USAGE : EXIT_FAILURE_RUN;
      }
    else
      {
        g_autoptr (GError) error = NULL;
        FlxSweepData data;

        data = (FlxSweepData) { c.model, c.quality, c.values, param, log_spacing, from, to,
                                (size_t) n, n_done, done_index, done_values, results };
        if (!flx_export_sweep (&data, c.output, &error))
          {
            fprintf (stderr, "flexolab sweep: %s\n", error->message);
            ret = EXIT_FAILURE_RUN;
          }
        else if (st == FLX_E_CANCELLED)
          {
            fprintf (stderr, _("flexolab sweep: interrupted: wrote %zu of %ld points to '%s', "
                               "marked incomplete\n"), n_done, n, c.output);
            ret = EXIT_INTERRUPTED;
          }
        else
          {
            printf (_("flexolab sweep: %ld points of %s written to '%s' in %.2f s\n"), n,
                    p->name, c.output,
                    (g_get_monotonic_time () - sp.start) / (double) G_USEC_PER_SEC);
            ret = EXIT_OK;
          }
      }
    sigaction (SIGINT, &old_sa, NULL);
    for (size_t k = 0; k < n_done; k++) /* entries past n_done alias moved ones */
      flx_result_free (results[k]);
  }

out:
  cli_common_clear (&c);
  return ret;
}

int
flx_cli_main (int argc, char **argv)
{
  const char *cmd = argv[1];

  if (strcmp (cmd, "--version") == 0)
    {
      printf ("flexolab %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }
  if (strcmp (cmd, "--help") == 0 || strcmp (cmd, "-h") == 0 || strcmp (cmd, "help") == 0)
    {
      print_usage (stdout);
      return EXIT_OK;
    }
  if (strcmp (cmd, "list") == 0)
    return cmd_list (argc, argv);
  if (strcmp (cmd, "run") == 0)
    return cmd_run (argc, argv);
  if (strcmp (cmd, "sweep") == 0)
    return cmd_sweep (argc, argv);
  print_usage (stderr);
  return EXIT_USAGE;
}
