/* flx-session.c: reading and writing session files (.flexolab).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A session is a GKeyFile (docs/session-format.md):
 *
 *   [flexolab]
 *   version=1.0            major.minor of the format
 *   generator=Flexolab 0.1.0
 *   visible-model=cfr
 *   [preset]               optional: title, figure, paper, caption (localisable)
 *   [cfr]                  one group per model, one key per parameter
 *   force=1.5e-05 N        SI number with its unit, exact; choices by name; true/false
 *   [pin:cfr:1]            1.2: a pinned run (Compare runs), every parameter, oldest first
 *   [view] [view:cfr]      1.1: view settings
 *
 * Values go through flx_param_parse, the same parser as the command line and the entries,
 * so a hand-edited "force=15 µN" works and a wrong unit, type or range gets the same
 * message everywhere.  Policy on bad input: a file that cannot be a session (not a key
 * file, no [flexolab] group, another major version, no usable model) is refused and
 * nothing changes; otherwise each bad or missing value falls back to the parameter's
 * default and is listed in problems, and everything valid loads.
 */
#include "config.h"

#include "flx-session.h"

#include <glib/gi18n.h>
#include <string.h>

#include "flx-units.h"

#define MAIN_GROUP   "flexolab"
#define PRESET_GROUP "preset"
#define VIEW_GROUP   FLX_SESSION_VIEW_GROUP
#define VIEW_PREFIX  "view:"
#define PIN_PREFIX   "pin:"

G_DEFINE_QUARK (flx-session-error-quark, flx_session_error)

static void
session_model_free (gpointer data)
{
  FlxSessionModel *sm = data;
  g_free (sm->values);
  g_free (sm);
}

void
flx_session_free (FlxSession *session)
{
  if (session == NULL)
    return;
  g_free (session->visible_model);
  g_free (session->title);
  g_free (session->figure);
  g_free (session->paper);
  g_free (session->caption);
  g_ptr_array_unref (session->models);
  g_clear_pointer (&session->pins, g_ptr_array_unref);
  g_ptr_array_unref (session->problems);
  g_clear_pointer (&session->view_state, g_key_file_unref);
  g_free (session);
}

/* How a value reads in a message: "15 µN", "SrTiO3", "true". */
static char *
display_value (const FlxParamSpec *spec, double v)
{
  switch (spec->kind)
    {
    case FLX_PARAM_CHOICE:
      if (v >= 0 && v < flx_param_n_choices (spec))
        return g_strdup (spec->choices[(size_t) v]);
      return g_strdup_printf ("%g", v);
    case FLX_PARAM_BOOLEAN:
      return g_strdup (v != 0.0 ? "true" : "false");
    case FLX_PARAM_NUMBER:
    default:
      return flx_units_format (v, spec->unit, 4);
    }
}

static void
add_problem (FlxSession *s, const char *name, char *text /* owned */)
{
  if (name != NULL)
    {
      g_ptr_array_add (s->problems, g_strdup_printf ("%s: %s", name, text));
      g_free (text);
    }
  else
    g_ptr_array_add (s->problems, text);
}

/* "1" or "1.0"; FALSE when it is neither. */
static gboolean
parse_version (const char *text, guint64 *major, guint64 *minor)
{
  g_auto (GStrv) parts = NULL;
  guint n;

  if (text == NULL)
    return FALSE;
  parts = g_strsplit (text, ".", -1);
  n = g_strv_length (parts);
  *minor = 0;
  if (n < 1 || n > 2)
    return FALSE;
  if (!g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXUINT32, major, NULL))
    return FALSE;
  return n == 1 || g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXUINT32, minor, NULL);
}

/* Reads one parameter of `group`; on any failure keeps values[i] and records why (with
 * `fallback` after the reason, e.g. "using 15 µN"); returns whether it was read. */
static gboolean
load_param_from (FlxSession *s, const char *name, GKeyFile *kf, const char *group,
                 const FlxModel *m, size_t i, double *values, const char *fallback)
{
  const FlxParamSpec *spec = &m->params[i];
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  double v;

  if (!g_key_file_has_key (kf, group, spec->name, NULL))
    {
      add_problem (s, name, g_strdup_printf (_("[%s] %s is missing; %s"), group, spec->name,
                                             fallback));
      return FALSE;
    }
  text = g_key_file_get_string (kf, group, spec->name, &error);
  if (text == NULL)
    {
      add_problem (s, name, g_strdup_printf (_("[%s] %s: %s; %s"), group, spec->name,
                                             error->message, fallback));
      return FALSE;
    }
  if (!flx_param_parse (spec, text, &v, &error))
    {
      /* flx_param_parse names the parameter, the value and the allowed range. */
      add_problem (s, name, g_strdup_printf (_("[%s] %s; %s"), group, error->message,
                                             fallback));
      return FALSE;
    }
  values[i] = v;
  /* A choice such as cfr's material presets other parameters; their own keys, read
   * afterwards, still win. */
  if (spec->kind == FLX_PARAM_CHOICE)
    flx_model_preset (m, (int) i, values);
  return TRUE;
}

/* Reads one parameter of a model group; on any failure keeps values[i] (its default). */
static void
load_param (FlxSession *s, const char *name, GKeyFile *kf, const FlxModel *m, size_t i,
            double *values)
{
  g_autofree char *def = display_value (&m->params[i], values[i]);
  g_autofree char *fallback = g_strdup_printf (_("using %s"), def);

  load_param_from (s, name, kf, m->id, m, i, values, fallback);
}

static void
load_model (FlxSession *s, const char *name, GKeyFile *kf, const FlxModel *m)
{
  FlxSessionModel *sm = g_new0 (FlxSessionModel, 1);
  g_auto (GStrv) keys = NULL;

  sm->model = m;
  sm->values = g_new0 (double, m->n_params + 1);
  flx_model_defaults (m, sm->values);
  /* Choices first, so the presets they apply come before explicit values. */
  for (size_t i = 0; i < m->n_params; i++)
    if (m->params[i].kind == FLX_PARAM_CHOICE)
      load_param (s, name, kf, m, i, sm->values);
  for (size_t i = 0; i < m->n_params; i++)
    if (m->params[i].kind != FLX_PARAM_CHOICE)
      load_param (s, name, kf, m, i, sm->values);

  keys = g_key_file_get_keys (kf, m->id, NULL, NULL);
  for (gsize k = 0; keys != NULL && keys[k] != NULL; k++)
    if (flx_model_find_param (m, keys[k]) < 0)
      add_problem (s, name, g_strdup_printf (_("[%s] unknown parameter “%s” ignored"),
                                             m->id, keys[k]));
  g_ptr_array_add (s->models, sm);
}

char *
flx_session_pin_group (const char *model_id, guint n)
{
  return g_strdup_printf (PIN_PREFIX "%s:%u", model_id, n);
}

/* [pin:MODEL:N]: a pinned run is restored only with every value valid (a default in its
 * place would pin a run nobody made). */
static void
load_pin (FlxSession *s, const char *name, GKeyFile *kf, const char *group)
{
  g_auto (GStrv) parts = g_strsplit (group + strlen (PIN_PREFIX), ":", -1);
  g_auto (GStrv) keys = NULL;
  const char *skip = _("this pinned run is not restored");
  const FlxModel *m = NULL;
  guint64 n = 0;
  FlxSessionModel *sm;
  gboolean ok = TRUE;

  if (g_strv_length (parts) == 2)
    m = flx_model_find (parts[0]);
  if (m == NULL || !g_ascii_string_to_unsigned (parts[1], 10, 1, FLX_SESSION_MAX_PINS, &n, NULL))
    {
      add_problem (s, name, g_strdup_printf (_("unknown group [%s] ignored (pinned runs are "
                                               "[pin:MODEL:N] with N from 1 to %d)"),
                                             group, FLX_SESSION_MAX_PINS));
      return;
    }
  sm = g_new0 (FlxSessionModel, 1);
  sm->model = m;
  sm->pin = (guint) n;
  sm->values = g_new0 (double, m->n_params + 1);
  flx_model_defaults (m, sm->values);
  for (int pass = 0; pass < 2 && ok; pass++)
    for (size_t i = 0; i < m->n_params && ok; i++)
      if ((m->params[i].kind == FLX_PARAM_CHOICE) == (pass == 0))
        ok = load_param_from (s, name, kf, group, m, i, sm->values, skip);
  if (!ok)
    {
      session_model_free (sm);
      return;
    }
  keys = g_key_file_get_keys (kf, group, NULL, NULL);
  for (gsize k = 0; keys != NULL && keys[k] != NULL; k++)
    if (flx_model_find_param (m, keys[k]) < 0)
      add_problem (s, name, g_strdup_printf (_("[%s] unknown parameter “%s” ignored"), group,
                                             keys[k]));
  g_ptr_array_add (s->pins, sm);
}

static int
model_index (const FlxModel *m)
{
  for (size_t i = 0; i < flx_model_count (); i++)
    if (flx_model_get (i) == m)
      return (int) i;
  return -1;
}

static gint
pin_order (gconstpointer a, gconstpointer b)
{
  const FlxSessionModel *x = *(FlxSessionModel *const *) a, *y = *(FlxSessionModel *const *) b;
  int mx = model_index (x->model), my = model_index (y->model);

  return mx != my ? mx - my : (int) x->pin - (int) y->pin;
}

/* The spellings the parameter parser accepts for booleans. */
static gboolean
parse_boolean (const char *text, gboolean *on)
{
  static const char *const yes[] = { "true", "yes", "on", "1" };
  static const char *const no[] = { "false", "no", "off", "0" };
  g_autofree char *t = text ? g_strstrip (g_ascii_strdown (text, -1)) : NULL;

  for (gsize i = 0; t != NULL && i < G_N_ELEMENTS (yes); i++)
    {
      if (strcmp (t, yes[i]) == 0)
        return (*on = TRUE);
      if (strcmp (t, no[i]) == 0)
        return !(*on = FALSE);
    }
  return FALSE;
}

char *
flx_session_view_group (const char *model_id)
{
  return g_strconcat (VIEW_PREFIX, model_id, NULL);
}

/* [view]: window-wide settings, checked here; [view:MODEL]: kept for the page's view. */
static void
load_view_groups (FlxSession *s, const char *name, GKeyFile *kf, char **groups)
{
  g_auto (GStrv) keys = g_key_file_get_keys (kf, VIEW_GROUP, NULL, NULL);

  /* Any view group means the file describes the views (format 1.1): pages it has values
   * for get their view settings from it, defaults where a key is absent. */
  if (g_key_file_has_group (kf, VIEW_GROUP))
    s->view_state = g_key_file_new ();

  for (gsize k = 0; keys != NULL && keys[k] != NULL; k++)
    {
      g_autofree char *text = g_key_file_get_value (kf, VIEW_GROUP, keys[k], NULL);
      gboolean on;

      if (strcmp (keys[k], "large-text") != 0)
        add_problem (s, name, g_strdup_printf (_("[%s] unknown key “%s” ignored"), VIEW_GROUP,
                                               keys[k]));
      else if (parse_boolean (text, &on))
        s->large_text = on;
      else
        add_problem (s, name, g_strdup_printf (_("[%s] large-text: “%s” is not true or false; "
                                                 "the text size is unchanged"),
                                               VIEW_GROUP, text));
    }

  for (gsize g = 0; groups[g] != NULL; g++)
    {
      const char *id = groups[g] + strlen (VIEW_PREFIX);
      g_auto (GStrv) vkeys = NULL;

      if (!g_str_has_prefix (groups[g], VIEW_PREFIX))
        continue;
      if (flx_model_find (id) == NULL)
        {
          add_problem (s, name, g_strdup_printf (_("unknown model [%s] ignored"), groups[g]));
          continue;
        }
      if (s->view_state == NULL)
        s->view_state = g_key_file_new ();
      vkeys = g_key_file_get_keys (kf, groups[g], NULL, NULL);
      for (gsize k = 0; vkeys != NULL && vkeys[k] != NULL; k++)
        {
          g_autofree char *v = g_key_file_get_value (kf, groups[g], vkeys[k], NULL);
          if (v != NULL)
            g_key_file_set_value (s->view_state, groups[g], vkeys[k], v);
        }
    }
}

static char *
get_optional_string (GKeyFile *kf, const char *group, const char *key)
{
  /* Localisable ("title[de]=…") so presets can carry translated captions. */
  return g_key_file_get_locale_string (kf, group, key, NULL, NULL);
}

FlxSession *
flx_session_parse (const char *data, gsize length, const char *name, GError **error)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autoptr (GError) local = NULL;
  g_autoptr (FlxSession) s = NULL;
  g_autofree char *version = NULL;
  g_autofree char *visible = NULL;
  g_auto (GStrv) groups = NULL;
  g_auto (GStrv) main_keys = NULL;
  const char *shown = name ? name : _("session");
  guint64 major, minor;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!g_key_file_load_from_data (kf, data ? data : "", length, G_KEY_FILE_NONE, &local))
    {
      g_set_error (error, FLX_SESSION_ERROR, FLX_SESSION_ERROR_FORMAT,
                   _("%s is not a Flexolab session: %s"), shown, local->message);
      return NULL;
    }
  if (!g_key_file_has_group (kf, MAIN_GROUP))
    {
      g_set_error (error, FLX_SESSION_ERROR, FLX_SESSION_ERROR_FORMAT,
                   _("%s is not a Flexolab session: it has no [%s] group"), shown, MAIN_GROUP);
      return NULL;
    }
  version = g_key_file_get_string (kf, MAIN_GROUP, "version", NULL);
  if (!parse_version (version, &major, &minor))
    {
      if (version == NULL)
        g_set_error (error, FLX_SESSION_ERROR, FLX_SESSION_ERROR_VERSION,
                     _("%s: the [flexolab] group has no version key"), shown);
      else
        g_set_error (error, FLX_SESSION_ERROR, FLX_SESSION_ERROR_VERSION,
                     _("%s: version “%s” is not a format version such as “%d.%d”"),
                     shown, version, FLX_SESSION_VERSION_MAJOR, FLX_SESSION_VERSION_MINOR);
      return NULL;
    }
  if (major != FLX_SESSION_VERSION_MAJOR)
    {
      g_set_error (error, FLX_SESSION_ERROR, FLX_SESSION_ERROR_VERSION,
                   _("%s uses session format %s; this Flexolab reads format %d.x only"),
                   shown, version, FLX_SESSION_VERSION_MAJOR);
      return NULL;
    }

  s = g_new0 (FlxSession, 1);
  s->models = g_ptr_array_new_with_free_func (session_model_free);
  s->problems = g_ptr_array_new_with_free_func (g_free);
  s->pins = g_ptr_array_new_with_free_func (session_model_free);
  s->pin_state = minor >= 2;
  s->large_text = -1;
  if (minor > FLX_SESSION_VERSION_MINOR)
    add_problem (s, name, g_strdup_printf (_("written by a newer Flexolab (format %s); "
                                             "what this version does not know is ignored"),
                                           version));

  main_keys = g_key_file_get_keys (kf, MAIN_GROUP, NULL, NULL);
  for (gsize k = 0; main_keys != NULL && main_keys[k] != NULL; k++)
    if (strcmp (main_keys[k], "version") != 0 && strcmp (main_keys[k], "generator") != 0 &&
        strcmp (main_keys[k], "visible-model") != 0)
      add_problem (s, name, g_strdup_printf (_("[%s] unknown key “%s” ignored"), MAIN_GROUP,
                                             main_keys[k]));

  if (g_key_file_has_group (kf, PRESET_GROUP))
    {
      s->title = get_optional_string (kf, PRESET_GROUP, "title");
      s->figure = get_optional_string (kf, PRESET_GROUP, "figure");
      s->paper = get_optional_string (kf, PRESET_GROUP, "paper");
      s->caption = get_optional_string (kf, PRESET_GROUP, "caption");
    }

  groups = g_key_file_get_groups (kf, NULL);
  for (gsize g = 0; groups[g] != NULL; g++)
    {
      const FlxModel *m;

      if (strcmp (groups[g], MAIN_GROUP) == 0 || strcmp (groups[g], PRESET_GROUP) == 0 ||
          strcmp (groups[g], VIEW_GROUP) == 0 || g_str_has_prefix (groups[g], VIEW_PREFIX))
        continue;
      if (g_str_has_prefix (groups[g], PIN_PREFIX))
        {
          load_pin (s, name, kf, groups[g]);
          continue;
        }
      m = flx_model_find (groups[g]);
      if (m == NULL)
        add_problem (s, name, g_strdup_printf (_("unknown model [%s] ignored"), groups[g]));
      else
        load_model (s, name, kf, m);
    }

  load_view_groups (s, name, kf, groups);
  g_ptr_array_sort (s->pins, pin_order);
  /* Two groups for the same pin (GKeyFile merges equal names, so only via "pin:cfr:01"):
   * the first wins. */
  for (guint k = 1; k < s->pins->len;)
    if (pin_order (&s->pins->pdata[k - 1], &s->pins->pdata[k]) == 0)
      {
        FlxSessionModel *dup = s->pins->pdata[k];
        add_problem (s, name, g_strdup_printf (_("pinned run %u of [%s] given twice; the "
                                                 "first is used"), dup->pin, dup->model->id));
        g_ptr_array_remove_index (s->pins, k);
      }
    else
      k++;

  visible = g_key_file_get_string (kf, MAIN_GROUP, "visible-model", NULL);
  if (visible != NULL && flx_model_find (visible) != NULL)
    s->visible_model = g_steal_pointer (&visible);
  else
    {
      if (visible != NULL)
        add_problem (s, name, g_strdup_printf (_("[%s] visible-model: unknown model “%s”"),
                                               MAIN_GROUP, visible));
      /* Without a usable choice, show the first model the file describes. */
      if (s->models->len > 0)
        s->visible_model = g_strdup (((FlxSessionModel *) s->models->pdata[0])->model->id);
    }

  if (s->models->len == 0)
    {
      g_set_error (error, FLX_SESSION_ERROR, FLX_SESSION_ERROR_EMPTY,
                   _("%s describes no known model"), shown);
      return NULL;
    }
  return g_steal_pointer (&s);
}

FlxSession *
flx_session_load (GFile *file, GError **error)
{
  g_autofree char *data = NULL;
  g_autofree char *name = NULL;
  gsize len = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_basename (file);
  if (!g_file_load_contents (file, NULL, &data, &len, NULL, error))
    return NULL;
  return flx_session_parse (data, len, name, error);
}

const double *
flx_session_get_values (const FlxSession *session, const char *id)
{
  g_return_val_if_fail (session != NULL, NULL);

  for (guint i = 0; i < session->models->len; i++)
    {
      FlxSessionModel *sm = session->models->pdata[i];
      if (g_strcmp0 (sm->model->id, id) == 0)
        return sm->values;
    }
  return NULL;
}

/* The shortest decimal that reads back as the same double: sessions round-trip exactly
 * and still read "1.5e-05", not "1.5000000000000001e-05". */
static void
format_exact (char *buf, gsize len, double v)
{
  for (int prec = 6; prec <= 17; prec++)
    {
      char fmt[8];
      g_snprintf (fmt, sizeof fmt, "%%.%dg", prec);
      g_ascii_formatd (buf, len, fmt, v);
      if (g_ascii_strtod (buf, NULL) == v)
        return;
    }
}

char *
flx_session_to_data (const char *visible_model, const FlxModel *const *models,
                     const double *const *values, gsize n)
{
  return flx_session_to_data_full (visible_model, models, values, n, NULL, NULL);
}

/* One key per parameter; with comments (display value, allowed range) for model groups. */
static void
append_params (GString *s, const FlxModel *m, const double *values, gboolean comments)
{
  for (size_t i = 0; i < m->n_params; i++)
    {
      const FlxParamSpec *spec = &m->params[i];
      g_autofree char *shown = display_value (spec, values[i]);
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      if (spec->kind == FLX_PARAM_NUMBER)
        {
          g_autofree char *range = flx_param_range_text (spec);
          format_exact (buf, sizeof buf, values[i]);
          /* Comments are for people reading the file; the loader ignores them. */
          if (comments)
            g_string_append_printf (s, "# %s: %s (allowed %s)\n", spec->label, shown, range);
          g_string_append_printf (s, "%s=%s%s%s\n", spec->name, buf, *spec->unit ? " " : "",
                                  spec->unit);
        }
      else if (spec->kind == FLX_PARAM_CHOICE)
        {
          g_autofree char *list = g_strjoinv (", ", (char **) spec->choices);
          if (comments)
            g_string_append_printf (s, "# %s: one of %s\n", spec->label, list);
          g_string_append_printf (s, "%s=%s\n", spec->name, shown);
        }
      else
        {
          if (comments)
            g_string_append_printf (s, "# %s: true or false\n", spec->label);
          g_string_append_printf (s, "%s=%s\n", spec->name, shown);
        }
    }
}

char *
flx_session_to_data_full (const char *visible_model, const FlxModel *const *models,
                          const double *const *values, gsize n, GPtrArray *pins,
                          GKeyFile *view_state)
{
  GString *s = g_string_new (NULL);

  g_string_append (s, "# Flexolab session: parameter values in SI units with the unit "
                      "written after each number.\n"
                      "# Format: docs/session-format.md in the Flexolab sources.\n");
  g_string_append_printf (s, "[%s]\nversion=%d.%d\ngenerator=Flexolab %s\n", MAIN_GROUP,
                          FLX_SESSION_VERSION_MAJOR, FLX_SESSION_VERSION_MINOR,
                          PACKAGE_VERSION);
  if (visible_model != NULL)
    g_string_append_printf (s, "visible-model=%s\n", visible_model);

  for (gsize k = 0; k < n; k++)
    {
      g_string_append_printf (s, "\n# %s\n[%s]\n", models[k]->title, models[k]->id);
      append_params (s, models[k], values[k], TRUE);
    }
  for (guint k = 0; pins != NULL && k < pins->len; k++)
    {
      const FlxSessionModel *pin = pins->pdata[k];
      g_autofree char *group = flx_session_pin_group (pin->model->id, pin->pin);

      g_string_append_printf (s, "\n# Pinned run %u of %s (Compare runs), oldest first\n[%s]\n",
                              pin->pin, pin->model->id, group);
      append_params (s, pin->model, pin->values, FALSE);
    }
  if (view_state != NULL)
    {
      g_autofree char *view = g_key_file_to_data (view_state, NULL, NULL);
      g_auto (GStrv) groups = g_key_file_get_groups (view_state, NULL);

      if (groups[0] != NULL)
        g_string_append_printf (s, "\n# View settings: zoomed plot ranges (min;max in SI), "
                                   "replay speed, large text\n%s", view);
    }
  return g_string_free (s, FALSE);
}

gboolean
flx_session_save (const char *path, const char *visible_model, const FlxModel *const *models,
                  const double *const *values, gsize n, GError **error)
{
  g_autofree char *data = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  data = flx_session_to_data (visible_model, models, values, n);
  return g_file_set_contents_full (path, data, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0666,
                                   error);
}

gboolean
flx_session_save_full (const char *path, const char *visible_model,
                       const FlxModel *const *models, const double *const *values, gsize n,
                       GPtrArray *pins, GKeyFile *view_state, GError **error)
{
  g_autofree char *data = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  data = flx_session_to_data_full (visible_model, models, values, n, pins, view_state);
  /* g_file_set_contents_full writes a temporary file beside `path` and renames it over:
   * a failed save (disk full, no permission) leaves the old file as it was. */
  return g_file_set_contents_full (path, data, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0666,
                                   error);
}
