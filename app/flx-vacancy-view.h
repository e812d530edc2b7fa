/* flx-vacancy-view.h: result area of the oxygen-vacancy page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "flx-view.h"

G_BEGIN_DECLS

#define FLX_TYPE_VACANCY_VIEW (flx_vacancy_view_get_type ())
G_DECLARE_FINAL_TYPE (FlxVacancyView, flx_vacancy_view, FLX, VACANCY_VIEW, GtkWidget)

/* Implements FlxView; replays the cross-section frames stored in the result's
 * FlxVacancyResult. */
FlxView  *flx_vacancy_view_new (const FlxModel *model);

/* For tests: the frame shown, the number of frames and whether the replay timer runs. */
int       flx_vacancy_view_get_frame      (FlxVacancyView *self);
int       flx_vacancy_view_get_n_frames   (FlxVacancyView *self);
gboolean  flx_vacancy_view_get_playing    (FlxVacancyView *self);
/* Shows a fractional snapshot position (pauses): between snapshots k and k + 1 the
 * view interpolates, as the replay does between display frames. */
void      flx_vacancy_view_show_position  (FlxVacancyView *self, double position);
/* The line scan (surface-layer NVC, nx values) of what is shown. */
const double *flx_vacancy_view_get_line_scan (FlxVacancyView *self, gsize *n);
/* Positions the replay has drawn since the view was made (one per display frame). */
guint     flx_vacancy_view_get_replay_draws (FlxVacancyView *self);
/* Same as the play/pause button and the step buttons. */
void      flx_vacancy_view_set_playing    (FlxVacancyView *self, gboolean playing);
void      flx_vacancy_view_step           (FlxVacancyView *self, int delta);

G_END_DECLS
