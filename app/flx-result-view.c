/* flx-result-view.c: generic result display driven by the model's output tables.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "flx-result-view.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "flx-field-view.h"
#include "flx-plot.h"
#include "flx-units.h"
#include "flx-view-util.h"

struct _FlxResultView
{
  GtkWidget       parent_instance;

  const FlxModel *model;
  GtkWidget      *box;
  GtkWidget     **scalar_rows;   /* AdwActionRow per scalar */
  GtkWidget     **scalar_values; /* GtkLabel per scalar */
  GtkWidget      *scalar_group;
  GtkWidget      *plot_grid;
  GtkWidget     **plots;         /* FlxPlot per series */
  GtkWidget     **maps;          /* FlxFieldView per field */
};

static void flx_result_view_iface_init (FlxViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FlxResultView, flx_result_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (FLX_TYPE_VIEW, flx_result_view_iface_init))

/* Hide the flow box slot, not just the plot, so unused outputs leave no gaps. */
static void
show_in_flow (GtkWidget *child, gboolean visible)
{
  GtkWidget *slot = gtk_widget_get_parent (child);

  gtk_widget_set_visible (child, visible);
  if (GTK_IS_FLOW_BOX_CHILD (slot))
    gtk_widget_set_visible (slot, visible);
}

static void
flx_result_view_dispose (GObject *object)
{
  FlxResultView *self = FLX_RESULT_VIEW (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (flx_result_view_parent_class)->dispose (object);
}

static void
flx_result_view_finalize (GObject *object)
{
  FlxResultView *self = FLX_RESULT_VIEW (object);

  g_free (self->scalar_rows);
  g_free (self->scalar_values);
  g_free (self->plots);
  g_free (self->maps);
  G_OBJECT_CLASS (flx_result_view_parent_class)->finalize (object);
}

static void
flx_result_view_class_init (FlxResultViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = flx_result_view_dispose;
  object_class->finalize = flx_result_view_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "flxresultview");
}

static void
flx_result_view_init (FlxResultView *self)
{
}

FlxResultView *
flx_result_view_new (const FlxModel *model)
{
  FlxResultView *self = g_object_new (FLX_TYPE_RESULT_VIEW, NULL);
  GtkWidget *group;

  self->model = model;
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Results"));
  self->scalar_rows = g_new0 (GtkWidget *, model->n_scalars + 1);
  self->scalar_values = g_new0 (GtkWidget *, model->n_scalars + 1);
  for (size_t i = 0; i < model->n_scalars; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *value = gtk_label_new ("–");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(model->scalars[i].label));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(model->scalars[i].description));
      gtk_label_set_selectable (GTK_LABEL (value), TRUE);
      gtk_widget_add_css_class (value, "scalar-value");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      self->scalar_rows[i] = row;
      self->scalar_values[i] = value;
    }
  gtk_box_append (GTK_BOX (self->box), group);
  self->scalar_group = group;

  /* One plot per series, two columns when there is room. */
  self->plot_grid = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->plot_grid), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->plot_grid), 2);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (self->plot_grid), 2);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (self->plot_grid), TRUE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->plot_grid), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->plot_grid), 12);
  self->plots = g_new0 (GtkWidget *, model->n_series + 1);
  for (size_t i = 0; i < model->n_series; i++)
    {
      const FlxSeriesSpec *s = &model->series[i];
      GtkWidget *plot = flx_plot_new ();

      flx_plot_set_title (FLX_PLOT (plot), _(s->label));
      flx_plot_set_axis (FLX_PLOT (plot), FLX_AXIS_X, _(s->x_label), s->x_unit);
      flx_plot_set_axis (FLX_PLOT (plot), FLX_AXIS_Y, _(s->y_label), s->y_unit);
      flx_plot_set_legend_visible (FLX_PLOT (plot), FALSE);
      /* Start on the table's scale, so the first result does not switch it (a switch drops
       * a zoom restored from a session). */
      if (s->log_y)
        flx_plot_set_axis_scale (FLX_PLOT (plot), FLX_AXIS_Y, FLX_AXIS_SCALE_LOG10);
      gtk_widget_set_size_request (plot, 300, 250);
      gtk_flow_box_append (GTK_FLOW_BOX (self->plot_grid), plot);
      show_in_flow (plot, FALSE);
      self->plots[i] = plot;
    }
  self->maps = g_new0 (GtkWidget *, model->n_fields + 1);
  for (size_t i = 0; i < model->n_fields; i++)
    {
      const FlxFieldSpec *f = &model->fields[i];
      GtkWidget *map = flx_field_view_new ();

      flx_field_view_set_title (FLX_FIELD_VIEW (map), _(f->label));
      flx_field_view_set_value_label (FLX_FIELD_VIEW (map), _(f->label), f->unit);
      flx_field_view_set_axis_labels (FLX_FIELD_VIEW (map), f->x_label, f->y_label, "m");
      flx_field_view_set_colormap (FLX_FIELD_VIEW (map), f->signed_values ? FLX_COLORMAP_DIVERGING
                                                                          : FLX_COLORMAP_VIRIDIS);
      flx_field_view_set_auto_limits (FLX_FIELD_VIEW (map), f->signed_values);
      gtk_widget_set_size_request (map, 300, 250);
      gtk_flow_box_append (GTK_FLOW_BOX (self->plot_grid), map);
      show_in_flow (map, FALSE);
      self->maps[i] = map;
    }
  /* Pictures first: what changes while dragging should be in view without scrolling. */
  gtk_box_prepend (GTK_BOX (self->box), self->plot_grid);
  return self;
}

static void
flx_result_view_update (FlxView *view, const FlxResult *r, const double *values)
{
  FlxResultView *self = FLX_RESULT_VIEW (view);

  g_return_if_fail (r != NULL && r->model == self->model);

  for (size_t i = 0; i < self->model->n_scalars; i++)
    {
      g_autofree char *text = NULL;
      gboolean set = r->scalar_set[i];

      text = set ? flx_units_format (r->scalars[i], self->model->scalars[i].unit, 4)
                 : g_strdup (_("not defined"));
      gtk_label_set_text (GTK_LABEL (self->scalar_values[i]), text);
      /* A scalar the run does not define (another scenario's, NDR onset without NDR) is
       * left out rather than shown empty. */
      gtk_widget_set_visible (self->scalar_rows[i], set);
    }
  for (size_t i = 0; i < self->model->n_series; i++)
    {
      const FlxSeries *se = &r->series[i];
      FlxPlot *plot = FLX_PLOT (self->plots[i]);
      gboolean positive = se->n > 0;

      show_in_flow (self->plots[i], se->n > 0);
      if (se->n == 0)
        continue;
      /* The table says which quantities span decades (resistance); data that cannot go
       * on a log axis falls back to linear. */
      for (size_t k = 0; k < se->n; k++)
        if (!(se->y[k] > 0))
          positive = FALSE;
      flx_plot_set_axis_scale (plot, FLX_AXIS_Y, positive && self->model->series[i].log_y
                                                   ? FLX_AXIS_SCALE_LOG10
                                                   : FLX_AXIS_SCALE_LINEAR);
      /* The legend shows only with pinned runs (set_pins), where the title would be
       * repeated: the entry says which curve is the run on screen. */
      flx_plot_set_series (plot, self->model->series[i].name, _("current run"),
                           se->x, se->y, se->n);
      flx_plot_set_preview_text (plot, r->quality == FLX_QUALITY_FAST ? _("preview") : NULL);
    }
  for (size_t i = 0; i < self->model->n_fields; i++)
    {
      const FlxField *f = &r->fields[i];

      const FlxFieldSpec *spec = &self->model->fields[i];

      show_in_flow (self->maps[i], f->data != NULL);
      if (f->data == NULL)
        continue;
      flx_view_show_field (self->maps[i], f);
      if (spec->vector_x != NULL && spec->vector_y != NULL)
        {
          const FlxField *u = flx_result_get_field (r, spec->vector_x);
          const FlxField *v = flx_result_get_field (r, spec->vector_y);
          if (u != NULL && v != NULL && u->nx == f->nx && u->ny == f->ny &&
              v->nx == f->nx && v->ny == f->ny)
            flx_field_view_set_vectors (FLX_FIELD_VIEW (self->maps[i]), u->data, v->data,
                                        (int) f->nx, (int) f->ny);
        }
    }
}

static void
flx_result_view_set_stale (FlxView *view, gboolean stale)
{
  FlxResultView *self = FLX_RESULT_VIEW (view);

  if (stale)
    gtk_widget_add_css_class (self->scalar_group, "stale");
  else
    gtk_widget_remove_css_class (self->scalar_group, "stale");
  for (size_t i = 0; i < self->model->n_series; i++)
    flx_plot_set_stale (FLX_PLOT (self->plots[i]), stale);
  for (size_t i = 0; i < self->model->n_fields; i++)
    flx_field_view_set_stale (FLX_FIELD_VIEW (self->maps[i]), stale);
}

static void
flx_result_view_set_pins (FlxView *view, const FlxPin *pins, guint n)
{
  FlxResultView *self = FLX_RESULT_VIEW (view);

  for (size_t i = 0; i < self->model->n_series; i++)
    {
      const char *names[] = { self->model->series[i].name, NULL };

      flx_view_plot_add_pins (self->plots[i], names, pins, n);
      /* One curve needs no legend; with pins it tells them apart. */
      flx_plot_set_legend_visible (FLX_PLOT (self->plots[i]), n > 0);
    }
}

/* Plot zoom, one key prefix per series name. */
static void
flx_result_view_save_state (FlxView *view, GKeyFile *kf, const char *group)
{
  FlxResultView *self = FLX_RESULT_VIEW (view);

  for (size_t i = 0; i < self->model->n_series; i++)
    flx_view_plot_save_state (self->plots[i], self->model->series[i].name, kf, group);
}

static void
flx_result_view_load_state (FlxView *view, GKeyFile *kf, const char *group, GPtrArray *problems)
{
  FlxResultView *self = FLX_RESULT_VIEW (view);

  for (size_t i = 0; i < self->model->n_series; i++)
    flx_view_plot_load_state (self->plots[i], self->model->series[i].name, kf, group, problems);
}

static void
flx_result_view_iface_init (FlxViewInterface *iface)
{
  iface->update = flx_result_view_update;
  iface->set_stale = flx_result_view_set_stale;
  iface->set_pins = flx_result_view_set_pins;
  iface->save_state = flx_result_view_save_state;
  iface->load_state = flx_result_view_load_state;
}

const char *
flx_result_view_get_scalar_text (FlxResultView *self, const char *name)
{
  int i = flx_model_find_scalar (self->model, name);
  return i < 0 ? NULL : gtk_label_get_text (GTK_LABEL (self->scalar_values[i]));
}
