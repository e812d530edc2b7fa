/* flx-pins.c: the pinned runs of a model page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "flx-pins.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "flx-colormap.h"
#include "flx-units.h"

/* Pins take these palette entries (black/white, yellow, orange, purple), which the views
 * use least for their own curves. */
static const int pin_palette[FLX_MAX_PINS] = { 6, 7, 4, 3 };
#define LABEL_MAX_PARAMS 3

struct _FlxPins
{
  const FlxModel *model;
  GArray         *pins; /* FlxPin, oldest first */
};

static void
pin_clear (gpointer data)
{
  FlxPin *pin = data;

  g_clear_pointer (&pin->outcome, flx_job_outcome_unref);
  g_clear_pointer (&pin->label, g_free);
}

FlxPins *
flx_pins_new (const FlxModel *model)
{
  FlxPins *self = g_new0 (FlxPins, 1);

  self->model = model;
  self->pins = g_array_new (FALSE, TRUE, sizeof (FlxPin));
  g_array_set_clear_func (self->pins, pin_clear);
  return self;
}

void
flx_pins_free (FlxPins *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->pins);
  g_free (self);
}

static FlxPin *
pin_at (FlxPins *self, guint k)
{
  return &g_array_index (self->pins, FlxPin, k);
}

char *
flx_pins_add (FlxPins *self, FlxJobOutcome *outcome)
{
  FlxPin pin = { 0 };
  char *replaced = NULL;

  g_return_val_if_fail (outcome != NULL && outcome->result != NULL, NULL);

  if (self->pins->len == FLX_MAX_PINS)
    {
      replaced = g_strdup (pin_at (self, 0)->label);
      g_array_remove_index (self->pins, 0);
    }
  /* The first colour no remaining pin has, so every pin keeps its colour. */
  for (int c = 0; c < FLX_MAX_PINS && pin.outcome == NULL; c++)
    {
      gboolean used = FALSE;
      for (guint k = 0; k < self->pins->len; k++)
        used |= pin_at (self, k)->palette == pin_palette[c];
      if (!used)
        {
          pin.palette = pin_palette[c];
          pin.outcome = flx_job_outcome_ref (outcome);
        }
    }
  pin.label = flx_pin_label (self->model, outcome->values, outcome->values);
  g_array_append_val (self->pins, pin);
  return replaced;
}

void
flx_pins_clear (FlxPins *self)
{
  g_array_set_size (self->pins, 0);
}

guint
flx_pins_get_n (FlxPins *self)
{
  return self->pins->len;
}

const FlxPin *
flx_pins_get (FlxPins *self)
{
  return (const FlxPin *) self->pins->data;
}

void
flx_pins_update (FlxPins *self, FlxJobOutcome *outcome, const double *now)
{
  for (guint k = 0; k < self->pins->len; k++)
    {
      FlxPin *pin = pin_at (self, k);

      if (outcome != NULL && pin->outcome->quality == FLX_QUALITY_FAST &&
          outcome->quality == FLX_QUALITY_FULL &&
          memcmp (pin->outcome->values, outcome->values,
                  sizeof (double) * self->model->n_params) == 0)
        {
          flx_job_outcome_unref (pin->outcome);
          pin->outcome = flx_job_outcome_ref (outcome);
        }
      g_free (pin->label);
      pin->label = flx_pin_label (self->model, pin->outcome->values, now);
    }
}

static char *
param_text (const FlxParamSpec *spec, double v)
{
  switch (spec->kind)
    {
    case FLX_PARAM_CHOICE:
      return g_strdup (v >= 0 && v < flx_param_n_choices (spec) ? spec->choices[(size_t) v] : "?");
    case FLX_PARAM_BOOLEAN:
      /* Translators: a switch parameter's state in a pinned run's legend, "Valence band off" */
      return g_strdup (v != 0.0 ? C_("switch state", "on") : C_("switch state", "off"));
    case FLX_PARAM_NUMBER:
    default:
      return flx_units_format (v, spec->unit, 3);
    }
}

char *
flx_pin_label (const FlxModel *m, const double *values, const double *now)
{
  GString *text = g_string_new (NULL);
  guint n = 0;

  for (size_t i = 0; i < m->n_params; i++)
    {
      g_autofree char *v = NULL;

      /* Equal up to rounding in the last digits (a value typed back in). */
      if (values[i] == now[i] || fabs (values[i] - now[i]) <= 1e-12 * fabs (now[i]))
        continue;
      if (n++ >= LABEL_MAX_PARAMS)
        continue;
      v = param_text (&m->params[i], values[i]);
      if (text->len > 0)
        g_string_append (text, ", ");
      /* Translators: a parameter and its value in a pinned run's legend, "Force 10 µN" */
      g_string_append_printf (text, _("%s %s"), _(m->params[i].label), v);
    }
  if (n > LABEL_MAX_PARAMS)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, ", %u more", ", %u more",
                                               n - LABEL_MAX_PARAMS),
                            n - LABEL_MAX_PARAMS);
  if (n == 0)
    g_string_append (text, _("pinned, same parameters"));
  return g_string_free (text, FALSE);
}

/* --- the key ------------------------------------------------------------------------------- */

/* A dashed line in the pin's palette colour, dark-mode variant when the text is light (as
 * FlxPlot decides, widgets/flx-style.c), so it matches the curves. */
static void
swatch_draw (GtkDrawingArea *area, cairo_t *cr, int w, int h, gpointer data)
{
  static const double dash[] = { 6, 3 };
  GdkRGBA fg;
  double rgb[3];

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  flx_palette_color (GPOINTER_TO_INT (data),
                     0.2126 * fg.red + 0.7152 * fg.green + 0.0722 * fg.blue > 0.5, rgb);
  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
  cairo_set_line_width (cr, 2);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_move_to (cr, 0, h / 2.0);
  cairo_line_to (cr, w, h / 2.0);
  cairo_stroke (cr);
}

GtkWidget *
flx_pin_key_new (void)
{
  GtkWidget *key = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (key), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (key), FLX_MAX_PINS);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (key), 18);
  gtk_widget_set_visible (key, FALSE);
  return key;
}

void
flx_pin_key_update (GtkWidget *key, const FlxPin *pins, guint n)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (key)) != NULL)
    gtk_flow_box_remove (GTK_FLOW_BOX (key), child);
  for (guint k = 0; k < n; k++)
    {
      GtkWidget *entry = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *swatch = gtk_drawing_area_new ();
      GtkWidget *label = gtk_label_new (pins[k].label);

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 28);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 12);
      gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), swatch_draw,
                                      GINT_TO_POINTER (pins[k].palette), NULL);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_tooltip_text (entry, pins[k].label);
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (entry), swatch);
      gtk_box_append (GTK_BOX (entry), label);
      gtk_flow_box_append (GTK_FLOW_BOX (key), entry);
    }
  gtk_widget_set_visible (key, n > 0);
}
