/* flx-view-util.c: stat strip and plot helpers for the model views.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "flx-view-util.h"

#include <glib/gi18n.h>

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
