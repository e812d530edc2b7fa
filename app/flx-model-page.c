/* flx-model-page.c: a model page.  The controls come from the model's parameter table (one
 * definition shared with the command line); results come back from the page's job runner.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Interaction: every change runs a FAST solve at once (the runner coalesces a drag to the
 * latest value) and schedules a FULL solve once the control has been still for a moment,
 * so dragging stays live and the picture sharpens when the hand stops.  Slow FAST runs
 * are throttled, not cancelled: while one is in flight a newer change only marks the
 * values dirty and is submitted when it lands.  Cancelling (latest wins) starves a drag
 * whose FAST solve takes longer than a frame (lsmo, ~40 ms): every change stopped the
 * running solve, and nothing was shown until the hand stopped (issue 10's GUI bench).  A
 * FAST solve quicker than a frame (cfr, ~1 ms) is still simply restarted: waiting for it
 * would add a main-loop round trip to the latency for nothing.
 *
 * Undo: a bounded history of whole value vectors (parameters are few, so copies are
 * cheaper to get right than diffs).  Changes to the same control less than
 * UNDO_COALESCE_MS apart join one step, so a slider drag undoes in one go; a change to
 * another control, a reset, a loaded session or an undo starts a new step.
 */
#include "config.h"

#include "flx-model-page.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "flx-recorder.h"
#include "flx-pins.h"
#include "flx-session.h"
#include "flx-view.h"
#include "flx-units.h"

#define FULL_DELAY_MS     250 /* stillness before the refined solve */
#define PROGRESS_DELAY_MS 300 /* jobs shorter than this never show progress */
#define UNDO_LIMIT        100 /* steps kept per page */
#define UNDO_COALESCE_MS  500 /* a pause longer than this ends a drag's undo step */
#define THROTTLE_ABOVE_US 16667 /* FAST solves slower than a 60 Hz frame are throttled */

typedef struct {
  FlxModelPage        *page; /* unowned */
  guint                index;
  const FlxParamSpec  *spec;
  double               display_factor; /* display = SI / factor */
  char                *unit_text;      /* unit shown beside the entry, e.g. "µN", "×10⁻¹² m²/N" */
  gboolean             log_scale;
  GtkAdjustment       *scale_adj;      /* slider position (log10 when log_scale) */
  GtkAdjustment       *spin_adj;       /* display units */
  GtkWidget           *spin, *scale, *combo, *toggle, *error_label;
  GtkWidget           *row;            /* the control's row, hidden when irrelevant */
} ParamControl;

struct _FlxModelPage
{
  AdwBin           parent_instance;

  const FlxModel  *model;
  double          *values;
  ParamControl    *controls;
  gboolean         syncing;   /* guards the slider <-> spin feedback loop */
  FlxJobRunner    *runner;
  FlxJobOutcome   *outcome;
  FlxView        *view;
  guint            full_timeout_id;
  guint            progress_timeout_id;
  gboolean         started;
  guint64          fast_generation; /* of the FAST run in flight, 0: none */
  gboolean         fast_dirty;      /* values changed since it was submitted */
  gboolean         full_wanted;     /* the FULL delay passed while it was in flight */
  gint64           fast_elapsed_us; /* the last FAST solve's time; unknown: G_MAXINT64 */

  /* Undo history: value vectors (n_params doubles each), newest at the head. */
  GQueue           undo_stack;
  GQueue           redo_stack;
  gint64           last_change_us; /* monotonic time of the last recorded change */
  int              last_changed;   /* its parameter index; -1: next change is a new step */

  /* Compare runs: pinned outcomes, oldest first (at most FLX_MAX_PINS). */
  FlxPins         *pins;
  FlxJobRunner    *pin_runner;  /* restore_pins: computes the pinned runs of a session */
  GPtrArray       *pin_queue;   /* double *: values still to run, oldest first */
  GtkWidget       *pin_label; /* "2 runs pinned" */
  GtkWidget       *clear_pins_button;
  GtkWidget       *pin_key;

  /* Template children */
  GtkLabel             *summary_label;
  GtkLabel             *source_label;
  AdwPreferencesGroup  *params_group;
  GtkStack             *result_stack;
  AdwStatusPage        *not_implemented_status;
  AdwStatusPage        *error_status;
  GtkRevealer          *progress_revealer;
  GtkProgressBar       *progress_bar;
  GtkBox               *results_box;
  GtkLabel             *note_label;
  GtkWidget            *recorder;       /* NULL for a model without a solver */
  GtkRevealer          *warning_revealer;
  GtkLabel             *warning_label;
};

enum { RESULT_SHOWN, VALUES_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

enum { PROP_0, PROP_CAN_UNDO, PROP_CAN_REDO, N_PROPS };
static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FlxModelPage, flx_model_page, ADW_TYPE_BIN)

static void queue_run (FlxModelPage *self);
static void sync_control (ParamControl *c);
static void refresh_pins (FlxModelPage *self);
static void stop_pin_restore (FlxModelPage *self);

/* Hides the controls the model says do not matter for the current values. */
static void
update_relevance (FlxModelPage *self)
{
  for (size_t i = 0; i < self->model->n_params; i++)
    if (self->controls[i].row != NULL)
      gtk_widget_set_visible (self->controls[i].row,
                              flx_model_param_relevant (self->model, (int) i, self->values));
}

/* --- undo history ---------------------------------------------------------------------- */

static void
clear_stack (GQueue *q)
{
  g_queue_clear_full (q, g_free);
}

/* Notify only on a real change of can-undo/can-redo, so a drag does not flood listeners. */
static void
notify_history (FlxModelPage *self, gboolean could_undo, gboolean could_redo)
{
  if (could_undo != !g_queue_is_empty (&self->undo_stack))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != !g_queue_is_empty (&self->redo_stack))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

static double *
copy_values (FlxModelPage *self)
{
  return g_memdup2 (self->values, sizeof (double) * self->model->n_params);
}

/* Called just before the values change because of parameter `index` (-1: many at once).
 * Saves the current values as an undo step unless this continues the same drag. */
static void
record_change (FlxModelPage *self, int index)
{
  gint64 now = g_get_monotonic_time ();
  gboolean could_undo = !g_queue_is_empty (&self->undo_stack);
  gboolean could_redo = !g_queue_is_empty (&self->redo_stack);
  /* index -2: a replayed path, which is one step like a drag */
  gboolean same_drag = index != -1 && index == self->last_changed &&
                       now - self->last_change_us < UNDO_COALESCE_MS * G_TIME_SPAN_MILLISECOND;

  self->last_change_us = now;
  self->last_changed = index;
  if (same_drag)
    return;
  g_queue_push_head (&self->undo_stack, copy_values (self));
  while (g_queue_get_length (&self->undo_stack) > UNDO_LIMIT)
    g_free (g_queue_pop_tail (&self->undo_stack));
  clear_stack (&self->redo_stack);
  notify_history (self, could_undo, could_redo);
}

/* Shows `values` (already checked) in every control and runs. */
static void
apply_values (FlxModelPage *self, const double *values)
{
  gboolean changed = FALSE;

  for (size_t i = 0; i < self->model->n_params; i++)
    {
      if (self->values[i] != values[i])
        changed = TRUE;
      self->values[i] = values[i];
      gtk_widget_set_visible (self->controls[i].error_label, FALSE);
      sync_control (&self->controls[i]);
    }
  update_relevance (self);
  if (changed)
    queue_run (self);
}

/* Moves the current values onto `to` and applies the newest entry of `from`. */
static gboolean
step_history (FlxModelPage *self, GQueue *from, GQueue *to)
{
  gboolean could_undo = !g_queue_is_empty (&self->undo_stack);
  gboolean could_redo = !g_queue_is_empty (&self->redo_stack);
  g_autofree double *v = g_queue_pop_head (from);

  if (v == NULL)
    return FALSE;
  g_queue_push_head (to, copy_values (self));
  self->last_changed = -1; /* what comes next is a new step */
  apply_values (self, v);
  notify_history (self, could_undo, could_redo);
  return TRUE;
}

/* --- value <-> control mapping -------------------------------------------------------- */

static double
slider_from_si (ParamControl *c, double si)
{
  double d = si / c->display_factor;
  return c->log_scale ? log10 (MAX (d, 1e-300)) : d;
}

static double
si_from_slider (ParamControl *c, double pos)
{
  return (c->log_scale ? pow (10.0, pos) : pos) * c->display_factor;
}

static void
sync_control (ParamControl *c)
{
  FlxModelPage *self = c->page;
  double v = self->values[c->index];

  self->syncing = TRUE;
  switch (c->spec->kind)
    {
    case FLX_PARAM_NUMBER:
      gtk_adjustment_set_value (c->spin_adj, v / c->display_factor);
      gtk_adjustment_set_value (c->scale_adj, slider_from_si (c, v));
      break;
    case FLX_PARAM_CHOICE:
      adw_combo_row_set_selected (ADW_COMBO_ROW (c->combo), (guint) v);
      break;
    case FLX_PARAM_BOOLEAN:
      gtk_switch_set_active (GTK_SWITCH (c->toggle), v != 0.0);
      break;
    }
  self->syncing = FALSE;
}

static void
param_changed (ParamControl *c, double si)
{
  FlxModelPage *self = c->page;
  g_autoptr (GError) error = NULL;

  if (self->syncing)
    return;
  /* Slider ends can round a hair past the limits in log space. */
  if (c->spec->kind == FLX_PARAM_NUMBER)
    si = CLAMP (si, c->spec->min, c->spec->max);
  if (!flx_param_validate (c->spec, si, &error))
    {
      gtk_label_set_text (GTK_LABEL (c->error_label), error->message);
      gtk_widget_set_visible (c->error_label, TRUE);
      return;
    }
  gtk_widget_set_visible (c->error_label, FALSE);
  if (self->values[c->index] == si)
    return;
  record_change (self, (int) c->index);
  self->values[c->index] = si;
  if (self->model->preset != NULL)
    {
      flx_model_preset (self->model, (int) c->index, self->values);
      for (size_t i = 0; i < self->model->n_params; i++)
        sync_control (&self->controls[i]);
    }
  else
    sync_control (c);
  update_relevance (self);
  queue_run (self);
}

static void
scale_value_changed_cb (GtkAdjustment *adj, ParamControl *c)
{
  param_changed (c, si_from_slider (c, gtk_adjustment_get_value (adj)));
}

static void
spin_value_changed_cb (GtkAdjustment *adj, ParamControl *c)
{
  param_changed (c, gtk_adjustment_get_value (adj) * c->display_factor);
}

/* The spin button takes typed values with units ("15uN", "0.1 µm") through the one parser;
 * a bare number is in the unit shown beside it. */
static int
spin_input_cb (GtkSpinButton *spin, double *new_value, ParamControl *c)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  g_autoptr (GError) error = NULL;
  char *end;
  double d;

  g_ascii_strtod (text, &end);
  while (*end == ' ')
    end++;
  /* With a unit: convert from SI.  Bare: already in the displayed unit. */
  if (!flx_units_parse_value (text, *end ? c->spec->unit : "", &d, &error))
    {
      g_autofree char *range = flx_param_range_text (c->spec);
      g_autofree char *msg = g_strdup_printf (_("%s: %s; allowed range is %s"), c->spec->name,
                                              error->message, range);
      gtk_label_set_text (GTK_LABEL (c->error_label), msg);
      gtk_widget_set_visible (c->error_label, TRUE);
      gtk_widget_error_bell (GTK_WIDGET (spin));
      return GTK_INPUT_ERROR;
    }
  if (*end)
    d /= c->display_factor;
  if (!flx_param_validate (c->spec, d * c->display_factor, &error))
    {
      gtk_label_set_text (GTK_LABEL (c->error_label), error->message);
      gtk_widget_set_visible (c->error_label, TRUE);
      gtk_widget_error_bell (GTK_WIDGET (spin));
      return GTK_INPUT_ERROR;
    }
  gtk_widget_set_visible (c->error_label, FALSE);
  *new_value = d;
  return TRUE;
}

static gboolean
spin_output_cb (GtkSpinButton *spin, ParamControl *c)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double v = gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin));

  g_ascii_formatd (buf, sizeof buf, "%.4g", fabs (v) < 1e-12 ? 0.0 : v);
  if (g_strcmp0 (buf, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), buf);
  return TRUE;
}

static void
combo_selected_cb (AdwComboRow *row, GParamSpec *pspec, ParamControl *c)
{
  param_changed (c, (double) adw_combo_row_get_selected (row));
}

static void
switch_active_cb (GtkSwitch *sw, GParamSpec *pspec, ParamControl *c)
{
  param_changed (c, gtk_switch_get_active (sw) ? 1.0 : 0.0);
}

/* A step that reads well in display units: 1, 2 or 5 times a power of ten. */
static double
nice_step (double span)
{
  double raw = span / 200.0, mag, f;

  if (!(raw > 0))
    return 1.0;
  mag = pow (10.0, floor (log10 (raw)));
  f = raw / mag;
  return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
}

/* The displayed unit: the table's display unit, or, for values far from 1 without one
 * (compliance 4.1e-12 m²/N, kappa 5e6 W/(K·m²)), a power of ten in front of the SI unit,
 * so the entry shows "4.1" and never rounds a tiny value to zero. */
static void
setup_display_unit (ParamControl *c)
{
  static const char *const sup[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };
  const FlxParamSpec *s = c->spec;
  g_autofree char *pretty = flx_units_pretty (s->display_unit ? s->display_unit : s->unit);
  double ref = s->def != 0 ? fabs (s->def) : MAX (fabs (s->min), fabs (s->max));
  int mag = ref > 0 ? (int) floor (log10 (ref)) : 0;
  g_autofree char *digits = NULL;
  GString *t;

  c->display_factor = flx_units_display_factor (s->display_unit, s->unit);
  if (s->display_unit != NULL || (mag >= -2 && mag <= 4))
    {
      c->unit_text = g_steal_pointer (&pretty);
      return;
    }
  c->display_factor = pow (10.0, mag);
  digits = g_strdup_printf ("%d", ABS (mag));
  t = g_string_new ("×10");
  if (mag < 0)
    g_string_append (t, "⁻");
  for (const char *p = digits; *p; p++)
    g_string_append (t, sup[*p - '0']);
  if (*pretty)
    g_string_append_printf (t, " %s", pretty);
  c->unit_text = g_string_free (t, FALSE);
}

static GtkWidget *
build_number_control (FlxModelPage *self, ParamControl *c)
{
  const FlxParamSpec *s = c->spec;
  double dmin = s->min / c->display_factor, dmax = s->max / c->display_factor;
  double step = nice_step (dmax - dmin);
  GtkWidget *box, *top, *label, *unit;
  g_autofree char *tooltip = NULL;
  g_autofree char *range = flx_param_range_text (s);

  c->log_scale = s->log_scale && s->min > 0;
  c->spin_adj = gtk_adjustment_new (s->def / c->display_factor, dmin, dmax, step, step * 10, 0);
  if (c->log_scale)
    {
      double lo = log10 (dmin), hi = log10 (dmax);
      c->scale_adj = gtk_adjustment_new (slider_from_si (c, s->def), lo, hi, (hi - lo) / 200,
                                         (hi - lo) / 20, 0);
    }
  else
    c->scale_adj = gtk_adjustment_new (s->def / c->display_factor, dmin, dmax, step,
                                       step * 10, 0);
  g_object_ref_sink (c->spin_adj);
  g_object_ref_sink (c->scale_adj);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_add_css_class (box, "param-row");
  /* Label on its own line so long names never ellipsize; slider, exact entry and unit
   * share the line below. */
  label = gtk_label_new (_(s->label));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  c->scale = gtk_scale_new (GTK_ORIENTATION_HORIZONTAL, c->scale_adj);
  gtk_scale_set_draw_value (GTK_SCALE (c->scale), FALSE);
  gtk_widget_set_hexpand (c->scale, TRUE);
  c->spin = gtk_spin_button_new (c->spin_adj, step, 6);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (c->spin), FALSE);
  gtk_editable_set_width_chars (GTK_EDITABLE (c->spin), 6);
  gtk_widget_set_valign (c->spin, GTK_ALIGN_CENTER);
  unit = gtk_label_new (c->unit_text);
  gtk_label_set_xalign (GTK_LABEL (unit), 0);
  gtk_widget_add_css_class (unit, "dim-label");
  gtk_widget_add_css_class (unit, "unit-label");
  gtk_box_append (GTK_BOX (top), c->scale);
  gtk_box_append (GTK_BOX (top), c->spin);
  gtk_box_append (GTK_BOX (top), unit);

  tooltip = g_strdup_printf ("%s\n%s %s", _(s->description), _("Allowed:"), range);
  gtk_widget_set_tooltip_text (box, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (c->scale), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(s->label), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (c->spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(s->label), -1);

  g_signal_connect (c->scale_adj, "value-changed", G_CALLBACK (scale_value_changed_cb), c);
  g_signal_connect (c->spin_adj, "value-changed", G_CALLBACK (spin_value_changed_cb), c);
  g_signal_connect (c->spin, "input", G_CALLBACK (spin_input_cb), c);
  g_signal_connect (c->spin, "output", G_CALLBACK (spin_output_cb), c);

  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), top);
  return box;
}

static void
build_controls (FlxModelPage *self)
{
  const FlxModel *m = self->model;

  self->controls = g_new0 (ParamControl, m->n_params + 1);
  for (guint i = 0; i < m->n_params; i++)
    {
      ParamControl *c = &self->controls[i];
      const FlxParamSpec *s = &m->params[i];
      GtkWidget *row;

      c->page = self;
      c->index = i;
      c->spec = s;
      if (s->kind == FLX_PARAM_NUMBER)
        setup_display_unit (c);
      c->error_label = gtk_label_new (NULL);
      gtk_label_set_wrap (GTK_LABEL (c->error_label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (c->error_label), 0);
      gtk_widget_add_css_class (c->error_label, "param-error");
      gtk_widget_add_css_class (c->error_label, "caption");
      gtk_widget_set_visible (c->error_label, FALSE);

      switch (s->kind)
        {
        case FLX_PARAM_NUMBER:
          {
            GtkWidget *inner = build_number_control (self, c);
            gtk_box_append (GTK_BOX (inner), c->error_label);
            /* An AdwPreferencesRow so the group keeps it in its boxed list, in order. */
            row = adw_preferences_row_new ();
            adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(s->label));
            gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
            gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), inner);
          }
          break;
        case FLX_PARAM_CHOICE:
          {
            GtkStringList *list = gtk_string_list_new (NULL);
            for (size_t k = 0; k < flx_param_n_choices (s); k++)
              gtk_string_list_append (list, s->choices[k]);
            row = adw_combo_row_new ();
            adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (list));
            g_object_unref (list);
            adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(s->label));
            gtk_widget_set_tooltip_text (row, _(s->description));
            c->combo = row;
            g_signal_connect (row, "notify::selected", G_CALLBACK (combo_selected_cb), c);
          }
          break;
        case FLX_PARAM_BOOLEAN:
        default:
          row = adw_action_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(s->label));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(s->description));
          c->toggle = gtk_switch_new ();
          gtk_widget_set_valign (c->toggle, GTK_ALIGN_CENTER);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), c->toggle);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), c->toggle);
          g_signal_connect (c->toggle, "notify::active", G_CALLBACK (switch_active_cb), c);
          break;
        }
      adw_preferences_group_add (self->params_group, row);
      c->row = row;
      sync_control (c);
    }
  update_relevance (self);
}

/* --- running --------------------------------------------------------------------------- */

/* A FAST run is in flight while nothing has superseded it in the runner. */
static gboolean
fast_in_flight (FlxModelPage *self)
{
  return self->fast_generation != 0 &&
         flx_job_runner_get_generation (self->runner) == self->fast_generation;
}

/* Wait for the FAST run in flight rather than restart it (see the top of the file). */
static gboolean
fast_throttled (FlxModelPage *self)
{
  return fast_in_flight (self) && self->fast_elapsed_us > THROTTLE_ABOVE_US;
}

static void
submit (FlxModelPage *self, FlxQuality quality)
{
  guint64 gen = flx_job_runner_submit (self->runner, self->values, quality);

  self->fast_generation = quality == FLX_QUALITY_FAST ? gen : 0;
  self->fast_dirty = FALSE;
  if (quality == FLX_QUALITY_FULL)
    self->full_wanted = FALSE; /* a FAST one keeps it: the FULL run still follows */
}

static gboolean
full_timeout_cb (gpointer data)
{
  FlxModelPage *self = data;

  self->full_timeout_id = 0;
  if (fast_in_flight (self))
    self->full_wanted = TRUE; /* after the preview lands: it comes much sooner */
  else
    submit (self, FLX_QUALITY_FULL);
  return G_SOURCE_REMOVE;
}

static void
queue_run (FlxModelPage *self)
{
  g_signal_emit (self, signals[VALUES_CHANGED], 0);
  if (self->runner == NULL)
    return;
  self->started = TRUE;
  self->full_wanted = FALSE; /* the FULL delay starts over */
  if (fast_throttled (self))
    self->fast_dirty = TRUE;
  else
    submit (self, FLX_QUALITY_FAST);
  g_clear_handle_id (&self->full_timeout_id, g_source_remove);
  self->full_timeout_id = g_timeout_add (FULL_DELAY_MS, full_timeout_cb, self);
}

/* After an outcome: the values that waited for it go out now. */
static void
submit_waiting (FlxModelPage *self)
{
  if (self->fast_dirty)
    submit (self, FLX_QUALITY_FAST);
  else if (self->full_wanted)
    submit (self, FLX_QUALITY_FULL);
}

static gboolean
progress_timeout_cb (gpointer data)
{
  FlxModelPage *self = data;

  self->progress_timeout_id = 0;
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  if (self->view != NULL)
    flx_view_set_stale (self->view, TRUE);
  return G_SOURCE_REMOVE;
}

static void
runner_busy_cb (FlxJobRunner *runner, GParamSpec *pspec, FlxModelPage *self)
{
  if (flx_job_runner_get_busy (runner))
    {
      if (self->progress_timeout_id == 0 && !gtk_revealer_get_reveal_child (self->progress_revealer))
        self->progress_timeout_id = g_timeout_add (PROGRESS_DELAY_MS, progress_timeout_cb, self);
    }
  else
    {
      g_clear_handle_id (&self->progress_timeout_id, g_source_remove);
      gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
      if (self->view != NULL)
        flx_view_set_stale (self->view, FALSE);
    }
}

static void
runner_progress_cb (FlxJobRunner *runner, GParamSpec *pspec, FlxModelPage *self)
{
  double p = flx_job_runner_get_progress (runner);

  if (p >= 0)
    gtk_progress_bar_set_fraction (self->progress_bar, p);
  else
    gtk_progress_bar_pulse (self->progress_bar);
}

static void
show_toast_full (FlxModelPage *self, const char *text, AdwToastPriority priority)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    return;
  toast = adw_toast_new (text);
  adw_toast_set_timeout (toast, 6);
  adw_toast_set_priority (toast, priority);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static void
show_toast (FlxModelPage *self, const char *text)
{
  show_toast_full (self, text, ADW_TOAST_PRIORITY_NORMAL);
}

static void
runner_finished_cb (FlxJobRunner *runner, FlxJobOutcome *outcome, FlxModelPage *self)
{
  FlxJobOutcome *previous;

  if (outcome->generation == self->fast_generation)
    self->fast_generation = 0;
  if (outcome->quality == FLX_QUALITY_FAST && outcome->status == FLX_OK)
    self->fast_elapsed_us = outcome->elapsed_us;
  if (outcome->status != FLX_OK)
    {
      g_autofree char *text = g_strdup_printf (_("%s: %s"), _(self->model->title),
                                               outcome->message);
      if (self->outcome == NULL)
        {
          /* Nothing good to keep showing: explain in place. */
          adw_status_page_set_description (self->error_status, outcome->message);
          gtk_stack_set_visible_child_name (self->result_stack, "error");
        }
      else
        show_toast (self, text); /* the last good result stays on screen */
      submit_waiting (self);
      return;
    }
  /* The previous outcome lives until the view has taken the new one: views keep borrowed
   * pointers into the result they show (the lsmo view read freed memory here, ASan). */
  previous = g_steal_pointer (&self->outcome);
  self->outcome = flx_job_outcome_ref (outcome);
  flx_view_update (self->view, outcome->result, outcome->values);
  flx_pins_update (self->pins, outcome, outcome->values);
  refresh_pins (self);
  g_clear_pointer (&previous, flx_job_outcome_unref);
  gtk_label_set_text (self->note_label, outcome->result->note);
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), outcome->result->note[0] != '\0');
  /* An empty warning hides the banner but keeps the old text for the closing animation. */
  if (outcome->result->warning[0] != '\0')
    gtk_label_set_text (self->warning_label, outcome->result->warning);
  gtk_revealer_set_reveal_child (self->warning_revealer, outcome->result->warning[0] != '\0');
  gtk_stack_set_visible_child_name (self->result_stack, "results");
  g_signal_emit (self, signals[RESULT_SHOWN], 0, outcome);
  submit_waiting (self);
}

/* --- compare runs ---------------------------------------------------------------------- */

/* Hands the pins to the view and shows how many there are. */
static void
refresh_pins (FlxModelPage *self)
{
  guint n = flx_pins_get_n (self->pins);

  flx_view_set_pins (self->view, flx_pins_get (self->pins), n);
  if (n > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u runs pinned",
                                                            "%u of %u runs pinned", n),
                                               n, FLX_MAX_PINS);
      gtk_label_set_text (GTK_LABEL (self->pin_label), text);
    }
  gtk_widget_set_visible (self->pin_label, n > 0);
  gtk_widget_set_visible (self->clear_pins_button, n > 0);
  flx_pin_key_update (self->pin_key, flx_pins_get (self->pins), n);
}

static GtkWidget *
build_pin_bar (FlxModelPage *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *box;
  GtkWidget *pin = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "view-pin-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("_Pin Run"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (pin), content);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (pin), "win.pin-result");
  gtk_widget_set_tooltip_text (pin, _("Keep this result as a dashed reference on every plot"));
  self->pin_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->pin_label, "dim-label");
  self->clear_pins_button = gtk_button_new_with_mnemonic (_("_Clear Pins"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->clear_pins_button), "win.clear-pins");
  gtk_widget_set_halign (bar, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (bar), self->pin_label);
  gtk_box_append (GTK_BOX (bar), self->clear_pins_button);
  gtk_box_append (GTK_BOX (bar), pin);
  gtk_widget_set_visible (self->pin_label, FALSE);
  gtk_widget_set_visible (self->clear_pins_button, FALSE);
  /* The buttons, and below them the key to the pinned curves. */
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->pin_key = flx_pin_key_new ();
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), self->pin_key);
  return box;
}

static void
view_request_parameter_cb (FlxView *view, const char *name, double value, FlxModelPage *self)
{
  int i = flx_model_find_param (self->model, name);

  if (i < 0)
    return;
  /* Drag targets may overshoot the range: clamp rather than refuse. */
  if (self->model->params[i].kind == FLX_PARAM_NUMBER)
    value = CLAMP (value, self->model->params[i].min, self->model->params[i].max);
  flx_model_page_set_value (self, name, value);
}

static void
flx_model_page_map (GtkWidget *widget)
{
  FlxModelPage *self = FLX_MODEL_PAGE (widget);

  GTK_WIDGET_CLASS (flx_model_page_parent_class)->map (widget);
  /* Solve lazily: pages nobody opens cost nothing at start-up. */
  if (!self->started && self->runner != NULL)
    {
      self->started = TRUE;
      submit (self, FLX_QUALITY_FULL);
    }
}

/* --- object ---------------------------------------------------------------------------- */

static void
flx_model_page_dispose (GObject *object)
{
  FlxModelPage *self = FLX_MODEL_PAGE (object);

  g_clear_handle_id (&self->full_timeout_id, g_source_remove);
  g_clear_handle_id (&self->progress_timeout_id, g_source_remove);
  if (self->runner != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->runner, self);
      flx_job_runner_cancel (self->runner);
      g_clear_object (&self->runner);
    }
  g_clear_pointer (&self->outcome, flx_job_outcome_unref);
  stop_pin_restore (self);
  if (self->pins != NULL)
    flx_pins_clear (self->pins);
  gtk_widget_dispose_template (GTK_WIDGET (self), FLX_TYPE_MODEL_PAGE);
  G_OBJECT_CLASS (flx_model_page_parent_class)->dispose (object);
}

static void
flx_model_page_finalize (GObject *object)
{
  FlxModelPage *self = FLX_MODEL_PAGE (object);

  if (self->controls != NULL && self->model != NULL)
    for (size_t i = 0; i < self->model->n_params; i++)
      {
        g_clear_object (&self->controls[i].spin_adj);
        g_free (self->controls[i].unit_text);
        g_clear_object (&self->controls[i].scale_adj);
      }
  g_free (self->controls);
  g_free (self->values);
  g_clear_pointer (&self->pins, flx_pins_free);
  clear_stack (&self->undo_stack);
  clear_stack (&self->redo_stack);
  G_OBJECT_CLASS (flx_model_page_parent_class)->finalize (object);
}

static void
flx_model_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  FlxModelPage *self = FLX_MODEL_PAGE (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, flx_model_page_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, flx_model_page_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flx_model_page_class_init (FlxModelPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = flx_model_page_dispose;
  object_class->finalize = flx_model_page_finalize;
  object_class->get_property = flx_model_page_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  widget_class->map = flx_model_page_map;

  signals[VALUES_CHANGED] =
    g_signal_new ("values-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);
  signals[RESULT_SHOWN] =
    g_signal_new ("result-shown", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, FLX_TYPE_JOB_OUTCOME | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/flexolab/Flexolab/flx-model-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FlxModelPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, FlxModelPage, source_label);
  gtk_widget_class_bind_template_child (widget_class, FlxModelPage, params_group);
  gtk_widget_class_bind_template_child (widget_class, FlxModelPage, result_stack);
  gtk_widget_class_bind_template_child (widget_class, FlxModelPage, not_implemented_status);
  gtk_widget_class_bind_template_child (widget_class, FlxModelPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, FlxModelPage, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, FlxModelPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, FlxModelPage, results_box);
  gtk_widget_class_bind_template_child (widget_class, FlxModelPage, note_label);
  gtk_widget_class_bind_template_child (widget_class, FlxModelPage, warning_revealer);
  gtk_widget_class_bind_template_child (widget_class, FlxModelPage, warning_label);
}

static void
flx_model_page_init (FlxModelPage *self)
{
  g_queue_init (&self->undo_stack);
  g_queue_init (&self->redo_stack);
  self->last_changed = -1;
  self->fast_elapsed_us = G_MAXINT64; /* until measured, assume slow: never starve */
  gtk_widget_init_template (GTK_WIDGET (self));
}

FlxModelPage *
flx_model_page_new (const FlxModel *model)
{
  FlxModelPage *self;
  g_autofree char *source = NULL;

  g_return_val_if_fail (model != NULL, NULL);

  self = g_object_new (FLX_TYPE_MODEL_PAGE, NULL);
  self->model = model;
  self->values = g_new0 (double, model->n_params + 1);
  flx_model_defaults (model, self->values);
  self->pins = flx_pins_new (model);

  gtk_label_set_text (self->summary_label, _(model->summary));
  source = g_strdup_printf (_("Source: %s"), model->source);
  gtk_label_set_text (self->source_label, source);
  build_controls (self);

  self->view = flx_view_new_for_model (model);
  gtk_box_prepend (self->results_box, build_pin_bar (self));
  gtk_box_append (self->results_box, GTK_WIDGET (self->view));
  g_signal_connect (self->view, "request-parameter", G_CALLBACK (view_request_parameter_cb), self);

  if (model->run == NULL)
    {
      g_autofree char *desc =
        g_strdup_printf (_("The parameters of “%s” are ready on the left, but its solver has "
                           "not landed yet. No numbers are shown rather than made-up ones."),
                         _(model->title));
      adw_status_page_set_description (self->not_implemented_status, desc);
      gtk_stack_set_visible_child_name (self->result_stack, "not-implemented");
    }
  else
    {
      self->runner = flx_job_runner_new (model);
      g_signal_connect (self->runner, "notify::busy", G_CALLBACK (runner_busy_cb), self);
      g_signal_connect (self->runner, "notify::progress", G_CALLBACK (runner_progress_cb), self);
      g_signal_connect (self->runner, "finished", G_CALLBACK (runner_finished_cb), self);
      gtk_stack_set_visible_child_name (self->result_stack, "waiting");
      self->recorder = flx_recorder_new (self);
      gtk_widget_insert_after (self->recorder, gtk_widget_get_parent (GTK_WIDGET (self->params_group)),
                               GTK_WIDGET (self->params_group));
    }
  return self;
}

const FlxModel *
flx_model_page_get_model (FlxModelPage *self)
{
  g_return_val_if_fail (FLX_IS_MODEL_PAGE (self), NULL);
  return self->model;
}

const double *
flx_model_page_get_values (FlxModelPage *self)
{
  g_return_val_if_fail (FLX_IS_MODEL_PAGE (self), NULL);
  return self->values;
}

gboolean
flx_model_page_set_value (FlxModelPage *self, const char *name, double value)
{
  int i;

  g_return_val_if_fail (FLX_IS_MODEL_PAGE (self), FALSE);
  i = flx_model_find_param (self->model, name);
  if (i < 0 || flx_param_check (&self->model->params[i], value, NULL, 0) != FLX_OK)
    return FALSE;
  param_changed (&self->controls[i], value);
  return TRUE;
}

static gboolean
same_values (FlxModelPage *self, const double *values)
{
  return memcmp (self->values, values, sizeof (double) * self->model->n_params) == 0;
}

gboolean
flx_model_page_play_values (FlxModelPage *self, const double *values)
{
  g_return_val_if_fail (FLX_IS_MODEL_PAGE (self), FALSE);
  g_return_val_if_fail (values != NULL, FALSE);

  if (flx_model_check (self->model, values, NULL, 0) != FLX_OK)
    return FALSE;
  if (!same_values (self, values))
    record_change (self, -2);
  apply_values (self, values);
  return TRUE;
}

gboolean
flx_model_page_set_values (FlxModelPage *self, const double *values)
{
  g_return_val_if_fail (FLX_IS_MODEL_PAGE (self), FALSE);
  g_return_val_if_fail (values != NULL, FALSE);

  if (flx_model_check (self->model, values, NULL, 0) != FLX_OK)
    return FALSE;
  if (!same_values (self, values))
    record_change (self, -1);
  apply_values (self, values);
  return TRUE;
}

void
flx_model_page_reset (FlxModelPage *self)
{
  g_autofree double *defaults = NULL;

  g_return_if_fail (FLX_IS_MODEL_PAGE (self));
  defaults = g_new0 (double, self->model->n_params + 1);
  flx_model_defaults (self->model, defaults);
  if (!same_values (self, defaults))
    record_change (self, -1); /* a reset is undoable */
  apply_values (self, defaults);
}

gboolean
flx_model_page_undo (FlxModelPage *self)
{
  g_return_val_if_fail (FLX_IS_MODEL_PAGE (self), FALSE);
  return step_history (self, &self->undo_stack, &self->redo_stack);
}

gboolean
flx_model_page_redo (FlxModelPage *self)
{
  g_return_val_if_fail (FLX_IS_MODEL_PAGE (self), FALSE);
  return step_history (self, &self->redo_stack, &self->undo_stack);
}

gboolean
flx_model_page_can_undo (FlxModelPage *self)
{
  g_return_val_if_fail (FLX_IS_MODEL_PAGE (self), FALSE);
  return !g_queue_is_empty (&self->undo_stack);
}

gboolean
flx_model_page_can_redo (FlxModelPage *self)
{
  g_return_val_if_fail (FLX_IS_MODEL_PAGE (self), FALSE);
  return !g_queue_is_empty (&self->redo_stack);
}

FlxJobOutcome *
flx_model_page_get_outcome (FlxModelPage *self)
{
  g_return_val_if_fail (FLX_IS_MODEL_PAGE (self), NULL);
  return self->outcome;
}

FlxJobRunner *
flx_model_page_get_runner (FlxModelPage *self)
{
  g_return_val_if_fail (FLX_IS_MODEL_PAGE (self), NULL);
  return self->runner;
}

GtkWidget *
flx_model_page_get_controls (FlxModelPage *self)
{
  g_return_val_if_fail (FLX_IS_MODEL_PAGE (self), NULL);
  return GTK_WIDGET (self->params_group);
}

GtkWidget *
flx_model_page_get_recorder (FlxModelPage *self)
{
  g_return_val_if_fail (FLX_IS_MODEL_PAGE (self), NULL);
  return self->recorder;
}

GtkWidget *
flx_model_page_get_results (FlxModelPage *self)
{
  g_return_val_if_fail (FLX_IS_MODEL_PAGE (self), NULL);
  return GTK_WIDGET (self->result_stack);
}

gboolean
flx_model_page_pin (FlxModelPage *self)
{
  g_autofree char *replaced = NULL;

  g_return_val_if_fail (FLX_IS_MODEL_PAGE (self), FALSE);
  if (self->outcome == NULL)
    return FALSE;
  replaced = flx_pins_add (self->pins, self->outcome);
  if (replaced != NULL)
    {
      g_autofree char *text =
        g_strdup_printf (_("At most %d runs can be pinned: the oldest (%s) was replaced"),
                         FLX_MAX_PINS, replaced);
      /* At once, not queued behind an older toast: it answers this click. */
      show_toast_full (self, text, ADW_TOAST_PRIORITY_HIGH);
    }
  flx_pins_update (self->pins, NULL, self->outcome->values);
  refresh_pins (self);
  return TRUE;
}

void
flx_model_page_clear_pins (FlxModelPage *self)
{
  g_return_if_fail (FLX_IS_MODEL_PAGE (self));
  stop_pin_restore (self);
  if (flx_pins_get_n (self->pins) == 0)
    return;
  flx_pins_clear (self->pins);
  refresh_pins (self);
}

/* --- pinned runs of a session ------------------------------------------------------- */

G_STATIC_ASSERT (FLX_SESSION_MAX_PINS == FLX_MAX_PINS);

static void
stop_pin_restore (FlxModelPage *self)
{
  if (self->pin_runner != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->pin_runner, self);
      flx_job_runner_cancel (self->pin_runner);
      g_clear_object (&self->pin_runner);
    }
  g_clear_pointer (&self->pin_queue, g_ptr_array_unref);
}

static gboolean
pin_next (FlxModelPage *self)
{
  if (self->pin_queue == NULL || self->pin_queue->len == 0)
    return FALSE;
  flx_job_runner_submit (self->pin_runner, self->pin_queue->pdata[0], FLX_QUALITY_FULL);
  return TRUE;
}

static gboolean
unref_idle_cb (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

static void
pin_runner_finished_cb (FlxJobRunner *runner, FlxJobOutcome *outcome, FlxModelPage *self)
{
  if (self->pin_queue == NULL || self->pin_queue->len == 0)
    return;
  g_ptr_array_remove_index (self->pin_queue, 0);
  if (outcome->status == FLX_OK)
    {
      g_autofree char *replaced = flx_pins_add (self->pins, outcome);
      flx_pins_update (self->pins, NULL, self->values);
      refresh_pins (self);
    }
  if (!pin_next (self))
    {
      /* Done.  The runner is in its own signal emission: let it go from an idle. */
      g_signal_handlers_disconnect_by_data (runner, self);
      g_idle_add (unref_idle_cb, g_steal_pointer (&self->pin_runner));
      g_clear_pointer (&self->pin_queue, g_ptr_array_unref);
    }
}

void
flx_model_page_restore_pins (FlxModelPage *self, const double *const *values, guint n)
{
  g_return_if_fail (FLX_IS_MODEL_PAGE (self));
  g_return_if_fail (n <= FLX_MAX_PINS);

  stop_pin_restore (self);
  flx_pins_clear (self->pins);
  refresh_pins (self);
  if (n == 0)
    return;
  self->pin_queue = g_ptr_array_new_with_free_func (g_free);
  for (guint k = 0; k < n; k++)
    g_ptr_array_add (self->pin_queue,
                     g_memdup2 (values[k], sizeof (double) * self->model->n_params));
  self->pin_runner = flx_job_runner_new (self->model);
  g_signal_connect (self->pin_runner, "finished", G_CALLBACK (pin_runner_finished_cb), self);
  pin_next (self);
}

gboolean
flx_model_page_get_restoring_pins (FlxModelPage *self)
{
  g_return_val_if_fail (FLX_IS_MODEL_PAGE (self), FALSE);
  return self->pin_runner != NULL;
}

guint
flx_model_page_get_n_pins (FlxModelPage *self)
{
  g_return_val_if_fail (FLX_IS_MODEL_PAGE (self), 0);
  return flx_pins_get_n (self->pins);
}

const FlxPin *
flx_model_page_get_pin (FlxModelPage *self, guint index)
{
  g_return_val_if_fail (FLX_IS_MODEL_PAGE (self), NULL);
  g_return_val_if_fail (index < flx_pins_get_n (self->pins), NULL);
  return &flx_pins_get (self->pins)[index];
}

void
flx_model_page_save_view_state (FlxModelPage *self, GKeyFile *kf, const char *group)
{
  g_return_if_fail (FLX_IS_MODEL_PAGE (self));
  flx_view_save_state (self->view, kf, group);
}

void
flx_model_page_load_view_state (FlxModelPage *self, GKeyFile *kf, const char *group,
                                GPtrArray *problems)
{
  g_auto (GStrv) left = NULL;

  g_return_if_fail (FLX_IS_MODEL_PAGE (self));
  flx_view_load_state (self->view, kf, group, problems);
  /* The view removed what it read: the rest is not for this version. */
  left = g_key_file_get_keys (kf, group, NULL, NULL);
  for (gsize k = 0; left != NULL && left[k] != NULL; k++)
    g_ptr_array_add (problems, g_strdup_printf (_("[%s] unknown view setting “%s” ignored"),
                                                group, left[k]));
}

FlxView *
flx_model_page_get_view (FlxModelPage *self)
{
  g_return_val_if_fail (FLX_IS_MODEL_PAGE (self), NULL);
  return self->view;
}

AdwFlap *
flx_model_page_get_flap (FlxModelPage *self)
{
  g_return_val_if_fail (FLX_IS_MODEL_PAGE (self), NULL);
  return ADW_FLAP (adw_bin_get_child (ADW_BIN (self)));
}
