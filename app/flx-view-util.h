/* flx-view-util.h: building blocks shared by the model views: a strip of key numbers
 * ("stat cards") and a plot with its axes set.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "flx-model.h"

G_BEGIN_DECLS

typedef struct {
  const char *scalar;  /* scalar name in the model table */
  const char *label;   /* card title (marked N_) */
  const char *missing; /* text when the scalar is unset, NULL for "–" */
  gboolean    percent; /* a fraction shown as a percentage */
} FlxStatSpec;

/* A flow box of cards; specs must outlive the strip (static tables). */
GtkWidget *flx_stat_strip_new (const FlxModel *model, const FlxStatSpec *specs, gsize n,
                               guint max_per_line);
void       flx_stat_strip_update (GtkWidget *strip, const FlxResult *result);

/* A plot with title and axes (units as in the model tables); expands horizontally. */
GtkWidget *flx_view_plot_new (const char *title, const char *x_label, const char *x_unit,
                              const char *y_label, const char *y_unit, gboolean log_y);

/* Shows a result field in a FlxFieldView: the field's x0..y1 are sample centres, the
 * view's extents are cell edges. */
void       flx_view_show_field (GtkWidget *field_view, const FlxField *field);

/* Sets large text (presentation: bigger fonts, thicker lines) on every FlxPlot and
 * FlxFieldView below root. */
void       flx_view_set_large_text_all (GtkWidget *root, gboolean large_text);

G_END_DECLS
