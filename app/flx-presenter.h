/* flx-presenter.h: presentation mode of the main window (issue 9): full screen, large
 * text and thick lines, an optional high-contrast palette, the controls folded away and a
 * bottom strip that steps through the paper-figure presets with a caption per step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define FLX_TYPE_PRESENTER (flx_presenter_get_type ())
G_DECLARE_FINAL_TYPE (FlxPresenter, flx_presenter, FLX, PRESENTER, GObject)

/* Adds to window's action map: "presentation" (boolean state: F5 toggles it, Esc leaves),
 * "present-next", "present-previous" (Page Down or space / Page Up while presenting) and
 * "high-contrast" (boolean state, applied while presenting).  The strip goes at the end of
 * content; sidebar and header are hidden while presenting and page_stack holds the
 * FlxModelPages.  The window owns the presenter, which does not ref the widgets. */
FlxPresenter *flx_presenter_new (GtkWindow *window, GtkWidget *sidebar, GtkWidget *header,
                                 GtkStack *page_stack, GtkBox *content);

/* Where the preset sequence is: step is -1 before the first Page Down. */
void          flx_presenter_get_step (FlxPresenter *self, int *step, int *n_steps);
/* The caption shown (title and text, plain); owned by the presenter. */
const char   *flx_presenter_get_caption (FlxPresenter *self);

G_END_DECLS
