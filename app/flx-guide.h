/* flx-guide.h: the in-app guide per model page (F1) and the first-start tour.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean   flx_guide_has_page (const char *model_id);
/* Opens the guide for a model in a window transient for parent; returns it (unowned). */
GtkWindow *flx_guide_show (GtkWindow *parent, const char *model_id, const char *model_title);

/* A tour: a popover with Next / Skip that visits each target in turn.  Targets that are
 * not mapped are left out.  done(done_data) runs once when the tour ends (finished,
 * skipped or dismissed); the tour frees itself then. */
typedef struct {
  GtkWidget  *target;
  const char *markup;  /* translated */
} FlxTourStep;

typedef struct _FlxTour FlxTour;

FlxTour   *flx_tour_start    (const FlxTourStep *steps, guint n, GDestroyNotify done,
                              gpointer done_data);
void       flx_tour_next     (FlxTour *tour);
void       flx_tour_stop     (FlxTour *tour);
guint      flx_tour_get_step (FlxTour *tour);

G_END_DECLS
