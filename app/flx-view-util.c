/* flx-view-util.c: stat strip and plot helpers for the model views.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "flx-view-util.h"

#include <glib/gi18n.h>
#include <math.h>

#include "flx-field-view.h"
#include "flx-plot.h"
#include "flx-units.h"

typedef struct {
  const FlxModel    *model;
  const FlxStatSpec *specs;
  gsize              n;
  GtkWidget        **values;
} Strip;

static void
strip_free (gpointer data)
{
  Strip *st = data;
  g_free (st->values);
  g_free (st);
}

GtkWidget *
flx_stat_strip_new (const FlxModel *model, const FlxStatSpec *specs, gsize n,
                    guint max_per_line)
{
  GtkWidget *strip = gtk_flow_box_new ();
  Strip *st = g_new0 (Strip, 1);

  st->model = model;
  st->specs = specs;
  st->n = n;
  st->values = g_new0 (GtkWidget *, n);
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (strip), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (strip), TRUE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (strip), max_per_line);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (strip), 2);
  for (gsize i = 0; i < n; i++)
    {
      GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *title = gtk_label_new (_(specs[i].label));

      st->values[i] = gtk_label_new ("–");
      gtk_widget_add_css_class (card, "card");
      gtk_widget_add_css_class (card, "stat-card");
      gtk_widget_add_css_class (title, "caption");
      gtk_widget_add_css_class (title, "dim-label");
      gtk_widget_add_css_class (st->values[i], "title-4");
      gtk_widget_add_css_class (st->values[i], "scalar-value");
      gtk_label_set_selectable (GTK_LABEL (st->values[i]), TRUE);
      gtk_box_append (GTK_BOX (card), title);
      gtk_box_append (GTK_BOX (card), st->values[i]);
      gtk_flow_box_append (GTK_FLOW_BOX (strip), card);
    }
  g_object_set_data_full (G_OBJECT (strip), "flx-stat-strip", st, strip_free);
  return strip;
}

void
flx_stat_strip_update (GtkWidget *strip, const FlxResult *r)
{
  Strip *st = g_object_get_data (G_OBJECT (strip), "flx-stat-strip");

  g_return_if_fail (st != NULL);
  for (gsize i = 0; i < st->n; i++)
    {
      const FlxStatSpec *sp = &st->specs[i];
      int k = flx_model_find_scalar (st->model, sp->scalar);
      double v;
      g_autofree char *text = NULL;

      if (k >= 0 && flx_result_get_scalar (r, sp->scalar, &v))
        text = sp->percent ? g_strdup_printf ("%.0f %%", 100 * v)
                           : flx_units_format (v, st->model->scalars[k].unit, 3);
      else
        text = g_strdup (sp->missing ? _(sp->missing) : "–");
      gtk_label_set_text (GTK_LABEL (st->values[i]), text);
    }
}

GtkWidget *
flx_view_plot_new (const char *title, const char *x_label, const char *x_unit,
                   const char *y_label, const char *y_unit, gboolean log_y)
{
  GtkWidget *plot = flx_plot_new ();

  flx_plot_set_title (FLX_PLOT (plot), title);
  flx_plot_set_axis (FLX_PLOT (plot), FLX_AXIS_X, x_label, x_unit);
  flx_plot_set_axis (FLX_PLOT (plot), FLX_AXIS_Y, y_label, y_unit);
  if (log_y)
    flx_plot_set_axis_scale (FLX_PLOT (plot), FLX_AXIS_Y, FLX_AXIS_SCALE_LOG10);
  gtk_widget_set_size_request (plot, 260, 250);
  gtk_widget_set_hexpand (plot, TRUE);
  gtk_widget_set_vexpand (plot, TRUE);
  return plot;
}

void
flx_view_show_field (GtkWidget *field_view, const FlxField *f)
{
  double hx = f->nx > 1 ? 0.5 * (f->x1 - f->x0) / (f->nx - 1) : 0.5;
  double hy = f->ny > 1 ? 0.5 * (f->y1 - f->y0) / (f->ny - 1) : 0.5;

  flx_field_view_set_data (FLX_FIELD_VIEW (field_view), f->data, (int) f->nx, (int) f->ny,
                           f->x0 - hx, f->x1 + hx, f->y0 - hy, f->y1 + hy);
}

/* --- compare runs ----------------------------------------------------------------------- */

#define PIN_IDS_KEY "flx-pin-series-ids"

char *
flx_view_pin_series_id (guint k, const char *name)
{
  return g_strdup_printf ("pin%u/%s", k, name);
}

/* TRUE when the pins are those of the last call under `data_key` (the same outcomes,
 * colours and labels, in order): a drag of the force keeps "Force 8 µN" as it was, and
 * re-adding a dozen curves for every preview would cost milliseconds each time.  Every
 * change of the pins reaches the views, so an equal signature means the same live
 * outcomes. */
static gboolean
pins_unchanged (GtkWidget *plot, const char *data_key, const FlxPin *pins, guint n)
{
  g_autofree char *sig_key = g_strconcat (data_key, "-signature", NULL);
  GString *sig = g_string_new (NULL);

  for (guint k = 0; k < n; k++)
    g_string_append_printf (sig, "%p %d %s\n", (void *) pins[k].outcome, pins[k].palette,
                            pins[k].label);
  if (g_strcmp0 (g_object_get_data (G_OBJECT (plot), sig_key), sig->str) == 0)
    {
      g_string_free (sig, TRUE);
      return TRUE;
    }
  g_object_set_data_full (G_OBJECT (plot), sig_key, g_string_free (sig, FALSE), g_free);
  return FALSE;
}

/* Removes what the last call of a helper added (its ids are kept on the plot under
 * `data_key`) and returns the emptied list for the new ids. */
static GPtrArray *
take_pin_ids (GtkWidget *plot, const char *data_key)
{
  GPtrArray *ids = g_object_get_data (G_OBJECT (plot), data_key);

  if (ids == NULL)
    {
      ids = g_ptr_array_new_with_free_func (g_free);
      g_object_set_data_full (G_OBJECT (plot), data_key, ids,
                              (GDestroyNotify) g_ptr_array_unref);
    }
  for (guint i = 0; i < ids->len; i++)
    flx_plot_remove_series (FLX_PLOT (plot), ids->pdata[i]);
  g_ptr_array_set_size (ids, 0);
  return ids;
}

void
flx_view_plot_add_pins (GtkWidget *plot, const char *const *series, const FlxPin *pins,
                        guint n)
{
  FlxPlot *p = FLX_PLOT (plot);
  GPtrArray *ids;

  g_return_if_fail (series != NULL);
  g_return_if_fail (n == 0 || pins != NULL);

  if (pins_unchanged (plot, PIN_IDS_KEY, pins, n))
    return;
  ids = take_pin_ids (plot, PIN_IDS_KEY);
  for (guint k = 0; k < n; k++)
    {
      gboolean labelled = FALSE;

      for (const char *const *name = series; *name != NULL; name++)
        {
          const FlxSeries *s = flx_result_get_series (pins[k].outcome->result, *name);
          char *id;
          FlxDash dash = FLX_DASH_SOLID;
          FlxAxisId axis = FLX_AXIS_Y;

          if (s == NULL || s->n == 0)
            continue;
          /* Match the page's own curve: same y axis; a pin of a dashed curve is dotted so
           * it still reads as a different line. */
          flx_plot_get_series_dash (p, *name, &dash, &axis);
          id = flx_view_pin_series_id (k, *name);
          flx_plot_set_series (p, id, labelled ? NULL : pins[k].label, s->x, s->y, s->n);
          flx_plot_set_series_y_axis (p, id, axis);
          flx_plot_set_series_dash (p, id, dash == FLX_DASH_SOLID ? FLX_DASH_DASHED
                                                                  : FLX_DASH_DOTTED);
          flx_plot_set_series_palette_index (p, id, pins[k].palette);
          g_ptr_array_add (ids, id);
          labelled = TRUE;
        }
    }
}

static gboolean
pin_value (const FlxPin *pin, const char *name, double *v)
{
  const FlxResult *r = pin->outcome->result;
  int i = flx_model_find_param (r->model, name);

  if (i >= 0)
    {
      *v = pin->outcome->values[i];
      return TRUE;
    }
  return flx_result_get_scalar (r, name, v) && isfinite (*v);
}

void
flx_view_plot_add_pin_points (GtkWidget *plot, const char *key, const char *x_name,
                              const char *y_name, const FlxPin *pins, guint n)
{
  g_autofree char *data_key = g_strconcat ("flx-pin-points-", key, NULL);
  GPtrArray *ids;

  g_return_if_fail (n == 0 || pins != NULL);

  if (pins_unchanged (plot, data_key, pins, n))
    return;
  ids = take_pin_ids (plot, data_key);
  for (guint k = 0; k < n; k++)
    {
      double x, y;
      char *id;

      if (!pin_value (&pins[k], x_name, &x) || !pin_value (&pins[k], y_name, &y))
        continue;
      id = flx_view_pin_series_id (k, key);
      flx_plot_set_series (FLX_PLOT (plot), id, NULL, &x, &y, 1);
      flx_plot_set_series_style (FLX_PLOT (plot), id, FLX_SERIES_MARKERS);
      flx_plot_set_series_palette_index (FLX_PLOT (plot), id, pins[k].palette);
      g_ptr_array_add (ids, id);
    }
}

/* --- plot zoom in sessions ---------------------------------------------------------------- */

static const struct {
  FlxAxisId   axis;
  const char *suffix;
} state_axes[] = {
  { FLX_AXIS_X, "x" },
  { FLX_AXIS_Y, "y" },
  { FLX_AXIS_Y2, "y2" },
};

/* The shortest decimal that reads back as the same double (as the session writer does):
 * a saved zoom reloads bit for bit and still reads "0.3", not "0.29999999999999999". */
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

void
flx_view_plot_save_state (GtkWidget *plot, const char *key, GKeyFile *kf, const char *group)
{
  for (gsize a = 0; a < G_N_ELEMENTS (state_axes); a++)
    {
      g_autofree char *k = g_strdup_printf ("%s.%s", key, state_axes[a].suffix);
      char lo[G_ASCII_DTOSTR_BUF_SIZE], hi[G_ASCII_DTOSTR_BUF_SIZE];
      double min, max;

      if (!flx_plot_get_axis_zoomed (FLX_PLOT (plot), state_axes[a].axis))
        continue;
      flx_plot_get_visible_range (FLX_PLOT (plot), state_axes[a].axis, &min, &max);
      format_exact (lo, sizeof lo, min);
      format_exact (hi, sizeof hi, max);
      {
        g_autofree char *v = g_strdup_printf ("%s;%s", lo, hi);
        g_key_file_set_value (kf, group, k, v);
      }
    }
}

static gboolean
parse_double (const char *text, double *v)
{
  char *end;

  while (*text == ' ')
    text++;
  if (*text == '\0')
    return FALSE;
  *v = g_ascii_strtod (text, &end);
  while (*end == ' ')
    end++;
  return *end == '\0' && isfinite (*v);
}

void
flx_view_plot_load_state (GtkWidget *plot, const char *key, GKeyFile *kf, const char *group,
                          GPtrArray *problems)
{
  FlxPlot *p = FLX_PLOT (plot);

  /* A view group describes the whole view: an axis it does not name is automatic. */
  flx_plot_reset_view (p);
  for (gsize a = 0; a < G_N_ELEMENTS (state_axes); a++)
    {
      g_autofree char *k = g_strdup_printf ("%s.%s", key, state_axes[a].suffix);
      g_autofree char *text = g_key_file_get_value (kf, group, k, NULL);
      g_auto (GStrv) parts = NULL;
      double min, max;

      if (text == NULL)
        continue;
      g_key_file_remove_key (kf, group, k, NULL);
      parts = g_strsplit (text, ";", -1);
      if (g_strv_length (parts) != 2 || !parse_double (parts[0], &min) ||
          !parse_double (parts[1], &max) || !(max > min))
        {
          g_ptr_array_add (problems,
                           g_strdup_printf (_("[%s] %s: “%s” is not a range “min;max” with "
                                              "min < max; the axis is automatic"),
                                            group, k, text));
          continue;
        }
      flx_plot_set_visible_range (p, state_axes[a].axis, min, max);
      if (!flx_plot_get_axis_zoomed (p, state_axes[a].axis))
        g_ptr_array_add (problems,
                         g_strdup_printf (_("[%s] %s: the range “%s” cannot be shown on this "
                                            "axis; the axis is automatic"),
                                          group, k, text));
    }
}

void
flx_view_set_large_text_all (GtkWidget *root, gboolean large_text)
{
  if (FLX_IS_PLOT (root))
    flx_plot_set_large_text (FLX_PLOT (root), large_text);
  else if (FLX_IS_FIELD_VIEW (root))
    flx_field_view_set_large_text (FLX_FIELD_VIEW (root), large_text);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    flx_view_set_large_text_all (c, large_text);
}

void
flx_view_plots_add_pins (const FlxViewPlotSpec *t, gsize n, const FlxPin *pins, guint n_pins)
{
  for (gsize i = 0; i < n; i++)
    flx_view_plot_add_pins (t[i].plot, t[i].series, pins, n_pins);
}

void
flx_view_plots_save_state (const FlxViewPlotSpec *t, gsize n, GKeyFile *kf, const char *group)
{
  for (gsize i = 0; i < n; i++)
    flx_view_plot_save_state (t[i].plot, t[i].key, kf, group);
}

void
flx_view_plots_load_state (const FlxViewPlotSpec *t, gsize n, GKeyFile *kf, const char *group,
                           GPtrArray *problems)
{
  for (gsize i = 0; i < n; i++)
    flx_view_plot_load_state (t[i].plot, t[i].key, kf, group, problems);
}

/* --- replay speed --------------------------------------------------------------------------- */

static const double speeds[] = { 0.25, 0.5, 1, 2, 4 };
#define SPEED_1X 2

GtkWidget *
flx_view_speed_new (void)
{
  GtkWidget *dd = gtk_drop_down_new_from_strings ((const char *[]) { "¼×", "½×", "1×", "2×",
                                                                     "4×", NULL });

  gtk_drop_down_set_selected (GTK_DROP_DOWN (dd), SPEED_1X);
  gtk_widget_set_tooltip_text (dd, _("Replay Speed"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (dd), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Replay Speed"), -1);
  return dd;
}

double
flx_view_speed_get (GtkWidget *dropdown)
{
  guint k = gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown));

  return speeds[MIN (k, G_N_ELEMENTS (speeds) - 1)];
}

void
flx_view_speed_set (GtkWidget *dropdown, double speed)
{
  guint best = 0;

  g_return_if_fail (speed > 0);
  for (guint i = 1; i < G_N_ELEMENTS (speeds); i++)
    if (fabs (log (speeds[i] / speed)) < fabs (log (speeds[best] / speed)))
      best = i;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), best);
}

void
flx_view_speed_save_state (GtkWidget *dropdown, GKeyFile *kf, const char *group)
{
  g_key_file_set_double (kf, group, "replay-speed", flx_view_speed_get (dropdown));
}

void
flx_view_speed_load_state (GtkWidget *dropdown, GKeyFile *kf, const char *group,
                           GPtrArray *problems)
{
  g_autofree char *speed = g_key_file_get_value (kf, group, "replay-speed", NULL);
  char *end;
  double v;
  gsize k;

  /* The group describes the view: no speed in it is the default 1×. */
  if (speed == NULL)
    {
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), SPEED_1X);
      return;
    }
  g_key_file_remove_key (kf, group, "replay-speed", NULL);
  g_strstrip (speed); /* a hand edit may leave a trailing space */
  v = g_ascii_strtod (speed, &end);
  for (k = 0; k < G_N_ELEMENTS (speeds); k++)
    if (*speed != '\0' && *end == '\0' && v == speeds[k])
      break;
  if (k < G_N_ELEMENTS (speeds))
    gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), (guint) k);
  else
    g_ptr_array_add (problems,
                     g_strdup_printf (_("[%s] replay-speed: “%s” is not one of 0.25, 0.5, "
                                        "1, 2, 4; the speed is unchanged"),
                                      group, speed));
}

GtkWidget *
flx_view_pair_new (GtkWidget *a, GtkWidget *b)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_box_set_homogeneous (GTK_BOX (box), TRUE);
  gtk_box_append (GTK_BOX (box), a);
  gtk_box_append (GTK_BOX (box), b);
  return box;
}

GtkWidget *
flx_view_icon_button_new (const char *icon, const char *tooltip, GCallback cb, gpointer data)
{
  GtkWidget *b = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (b, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (b), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_signal_connect (b, "clicked", cb, data);
  return b;
}
