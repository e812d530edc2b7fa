/* flx-view-util.h: building blocks shared by the model views: a strip of key numbers
 * ("stat cards") and a plot with its axes set.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "flx-model.h"
#include "flx-view.h"

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

/* Compare runs: overlays pinned runs on `plot`.  For each pin and each result series named
 * in `series` (NULL-terminated) that the pin's result has, a copy with the id
 * flx_view_pin_series_id (k, name), in the pin's colour, dashed (dotted where the plot's own
 * series of that name is dashed), on that series' y axis.  The pin's label goes on its
 * first series only, so the legend names each pin once.  Overlays of the previous call are
 * removed first: call it after every update with the page's current pins (n = 0 clears);
 * when they are the same as last time (outcomes, colours, labels) it does nothing, so do
 * not remove pin series behind its back. */
void       flx_view_plot_add_pins (GtkWidget *plot, const char *const *series,
                                   const FlxPin *pins, guint n);
/* Marks where each pinned run itself sits on a plot: one point at (x, y), each named
 * value a parameter or else a scalar of the pin's run (e.g. "force", "resistivity"), drawn
 * as a marker in the pin's colour without a legend entry, id flx_view_pin_series_id (k,
 * key).  Like flx_view_plot_add_pins it replaces the points of its previous call. */
void       flx_view_plot_add_pin_points (GtkWidget *plot, const char *key, const char *x_name,
                                         const char *y_name, const FlxPin *pins, guint n);
/* "pin<k>/<name>": the plot series id of pin k's copy of series `name`. */
char      *flx_view_pin_series_id (guint k, const char *name);

/* Plot zoom in a session's view group: keys "<key>.x", "<key>.y", "<key>.y2", each
 * "min;max" in SI, written for zoomed axes only.  Loading sets those ranges, returns the
 * other axes to automatic, removes the keys it read from `kf` and appends a problem for a
 * malformed one (that axis is left as it was). */
void       flx_view_plot_save_state (GtkWidget *plot, const char *key, GKeyFile *kf,
                                     const char *group);
void       flx_view_plot_load_state (GtkWidget *plot, const char *key, GKeyFile *kf,
                                     const char *group, GPtrArray *problems);

/* Sets large text (presentation: bigger fonts, thicker lines) on every FlxPlot and
 * FlxFieldView below root. */
void       flx_view_set_large_text_all (GtkWidget *root, gboolean large_text);

/* Two widgets side by side in equal halves (a row of two plots). */
GtkWidget *flx_view_pair_new (GtkWidget *a, GtkWidget *b);
/* An icon button whose tooltip is also its accessible label, `cb` on "clicked". */
GtkWidget *flx_view_icon_button_new (const char *icon, const char *tooltip, GCallback cb,
                                     gpointer data);

/* A view's plot: its key in session files and the model series pins are compared on. */
typedef struct {
  GtkWidget         *plot;
  const char        *key;
  const char *const *series;
} FlxViewPlotSpec;
/* flx_view_plot_add_pins / _save_state / _load_state over a view's n plots. */
void       flx_view_plots_add_pins (const FlxViewPlotSpec *t, gsize n, const FlxPin *pins,
                                    guint n_pins);
void       flx_view_plots_save_state (const FlxViewPlotSpec *t, gsize n, GKeyFile *kf,
                                      const char *group);
void       flx_view_plots_load_state (const FlxViewPlotSpec *t, gsize n, GKeyFile *kf,
                                      const char *group, GPtrArray *problems);

/* The ¼×–4× replay-speed drop-down of animated views (lsmo, vacancy, parameter paths). */
GtkWidget *flx_view_speed_new (void);
double     flx_view_speed_get (GtkWidget *dropdown);
/* Selects the offered speed nearest to `speed` (in log). */
void       flx_view_speed_set (GtkWidget *dropdown, double speed);
/* Session key "replay-speed"; a group without it returns to 1×, a value that is not one of
 * the offered speeds is a problem and leaves the speed as it is. */
void       flx_view_speed_save_state (GtkWidget *dropdown, GKeyFile *kf, const char *group);
void       flx_view_speed_load_state (GtkWidget *dropdown, GKeyFile *kf, const char *group,
                                      GPtrArray *problems);

G_END_DECLS
