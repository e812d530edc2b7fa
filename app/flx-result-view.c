/* flx-result-view.c: generic result display driven by the model's output tables.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "flx-result-view.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "flx-units.h"

struct _FlxResultView
{
  GtkWidget       parent_instance;

  const FlxModel *model;
  GtkWidget      *box;
  GtkWidget     **scalar_rows;   /* AdwActionRow per scalar */
  GtkWidget     **scalar_values; /* GtkLabel per scalar */
  GtkWidget      *series_group;
  GtkWidget     **series_rows;
};

G_DEFINE_FINAL_TYPE (FlxResultView, flx_result_view, GTK_TYPE_WIDGET)

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
  g_free (self->series_rows);
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

  self->series_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->series_group), _("Series"));
  self->series_rows = g_new0 (GtkWidget *, model->n_series + 1);
  for (size_t i = 0; i < model->n_series; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(model->series[i].label));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->series_group), row);
      self->series_rows[i] = row;
    }
  gtk_box_append (GTK_BOX (self->box), self->series_group);
  return self;
}

void
flx_result_view_update (FlxResultView *self, const FlxResult *r)
{
  g_return_if_fail (FLX_IS_RESULT_VIEW (self));
  g_return_if_fail (r != NULL && r->model == self->model);

  for (size_t i = 0; i < self->model->n_scalars; i++)
    {
      g_autofree char *text = NULL;
      gboolean set = r->scalar_set[i];

      text = set ? flx_units_format (r->scalars[i], self->model->scalars[i].unit, 4)
                 : g_strdup (_("not defined"));
      gtk_label_set_text (GTK_LABEL (self->scalar_values[i]), text);
      gtk_widget_set_sensitive (self->scalar_rows[i], set);
    }
  for (size_t i = 0; i < self->model->n_series; i++)
    {
      const FlxSeriesSpec *s = &self->model->series[i];
      g_autofree char *sub = g_strdup_printf (_("%zu points: %s vs %s"), r->series[i].n,
                                              _(s->y_label), _(s->x_label));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->series_rows[i]), sub);
    }
}

void
flx_result_view_set_stale (FlxResultView *self, gboolean stale)
{
  g_return_if_fail (FLX_IS_RESULT_VIEW (self));
  if (stale)
    gtk_widget_add_css_class (GTK_WIDGET (self), "stale");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "stale");
}

const char *
flx_result_view_get_scalar_text (FlxResultView *self, const char *name)
{
  int i = flx_model_find_scalar (self->model, name);
  return i < 0 ? NULL : gtk_label_get_text (GTK_LABEL (self->scalar_values[i]));
}
