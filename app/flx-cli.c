/* flx-cli.c: the headless command line.  It reads the same model registry as the GUI,
 * so parameter names, units and ranges have one definition.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "flx-cli.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "flx-export.h"
#include "flx-json.h"
#include "flx-model.h"
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
             "Exit status: 0 success, 2 bad usage or parameter, 1 runtime failure.\n"));
}

gboolean
flx_cli_wants (int argc, char **argv)
{
  static const char *const words[] = { "list", "run", "help", "--help", "-h", "--version" };

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

static int
cmd_run (int argc, char **argv)
{
  const FlxModel *m;
  g_autofree double *values = NULL;
  gboolean json = FALSE;
  const char *output = NULL;
  FlxQuality quality = FLX_QUALITY_FULL;
  g_autofree gboolean *explicit_set = NULL;
  FlxResult *result = NULL;
  FlxStatus st;
  char errmsg[512] = "";

  if (argc < 3 || argv[2][0] == '-')
    {
      fprintf (stderr, _("flexolab run: missing MODEL (one of:"));
      for (size_t i = 0; i < flx_model_count (); i++)
        fprintf (stderr, " %s", flx_model_get (i)->id);
      fprintf (stderr, ")\n");
      return EXIT_USAGE;
    }
  m = flx_model_find (argv[2]);
  if (m == NULL)
    {
      fprintf (stderr, _("flexolab run: unknown model '%s' (one of:"), argv[2]);
      for (size_t i = 0; i < flx_model_count (); i++)
        fprintf (stderr, " %s", flx_model_get (i)->id);
      fprintf (stderr, ")\n");
      return EXIT_USAGE;
    }
  values = g_new0 (double, m->n_params + 1);
  explicit_set = g_new0 (gboolean, m->n_params + 1);
  flx_model_defaults (m, values);

  for (int i = 3; i < argc; i++)
    {
      const char *arg = argv[i];
      const char *assignment = NULL;

      if (strcmp (arg, "--json") == 0)
        json = TRUE;
      else if (strcmp (arg, "--set") == 0 || strcmp (arg, "-s") == 0)
        {
          if (i + 1 >= argc)
            {
              fprintf (stderr, _("flexolab run: --set needs NAME=VALUE\n"));
              return EXIT_USAGE;
            }
          assignment = argv[++i];
        }
      else if (g_str_has_prefix (arg, "--set="))
        assignment = arg + strlen ("--set=");
      else if (strcmp (arg, "--output") == 0 || strcmp (arg, "-o") == 0)
        {
          if (i + 1 >= argc)
            {
              fprintf (stderr, _("flexolab run: --output needs a file name\n"));
              return EXIT_USAGE;
            }
          output = argv[++i];
        }
      else if (g_str_has_prefix (arg, "--output="))
        output = arg + strlen ("--output=");
      else if (strcmp (arg, "--quality") == 0 || g_str_has_prefix (arg, "--quality="))
        {
          const char *q = arg[9] == '=' ? arg + 10 : (i + 1 < argc ? argv[++i] : "");
          if (strcmp (q, "fast") == 0)
            quality = FLX_QUALITY_FAST;
          else if (strcmp (q, "full") == 0)
            quality = FLX_QUALITY_FULL;
          else
            {
              fprintf (stderr, _("flexolab run: --quality must be fast or full, not '%s'\n"), q);
              return EXIT_USAGE;
            }
        }
      else
        {
          fprintf (stderr, _("flexolab run: unknown option '%s' (see flexolab --help)\n"), arg);
          return EXIT_USAGE;
        }

      if (assignment != NULL)
        {
          const char *eq = strchr (assignment, '=');
          g_autofree char *name = NULL;
          g_autoptr (GError) error = NULL;
          int idx;

          if (eq == NULL || eq == assignment)
            {
              fprintf (stderr, _("flexolab run: '%s' is not NAME=VALUE\n"), assignment);
              return EXIT_USAGE;
            }
          name = g_strndup (assignment, eq - assignment);
          idx = flx_model_find_param (m, name);
          if (idx < 0)
            {
              fprintf (stderr, _("flexolab run: model '%s' has no parameter '%s' (see flexolab list)\n"),
                       m->id, name);
              return EXIT_USAGE;
            }
          if (!flx_param_parse (&m->params[idx], eq + 1, &values[idx], &error))
            {
              fprintf (stderr, "flexolab run: %s\n", error->message);
              return EXIT_USAGE;
            }
          explicit_set[idx] = TRUE;
        }
    }

  /* Presets (a material's constants) first, then the explicit values win again. */
  if (m->preset != NULL)
    {
      g_autofree double *given = g_memdup2 (values, (m->n_params + 1) * sizeof (double));
      for (size_t i = 0; i < m->n_params; i++)
        if (explicit_set[i])
          flx_model_preset (m, (int) i, values);
      for (size_t i = 0; i < m->n_params; i++)
        if (explicit_set[i])
          values[i] = given[i];
    }

  if (output != NULL)
    {
      if (g_file_test (output, G_FILE_TEST_IS_DIR))
        {
          fprintf (stderr, _("flexolab run: output '%s' is a folder\n"), output);
          return EXIT_USAGE;
        }
      if (flx_export_kind_for_path (output) == FLX_EXPORT_UNKNOWN)
        {
          fprintf (stderr, _("flexolab run: unknown output format for '%s': use .h5 or .csv\n"),
                   output);
          return EXIT_USAGE;
        }
    }

  st = flx_model_run (m, values, quality, &result, NULL, NULL, errmsg, sizeof errmsg);
  if (st != FLX_OK)
    {
      fprintf (stderr, "flexolab run: %s\n", errmsg[0] ? errmsg : flx_status_to_string (st));
      return st == FLX_E_PARAM ? EXIT_USAGE : EXIT_FAILURE_RUN;
    }
  if (result->warning[0])
    fprintf (stderr, _("flexolab run: warning: %s\n"), result->warning);
  if (json)
    print_run_json (result, values);
  else
    print_run_text (result, values);

  if (output != NULL)
    {
      g_autoptr (GError) error = NULL;
      if (!flx_export_result (result, values, output, &error))
        {
          fprintf (stderr, "flexolab run: %s\n", error->message);
          flx_result_free (result);
          return EXIT_FAILURE_RUN;
        }
    }
  flx_result_free (result);
  return EXIT_OK;
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
  print_usage (stderr);
  return EXIT_USAGE;
}
