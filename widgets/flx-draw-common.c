/* SPDX-License-Identifier: GPL-3.0-or-later */
/* flx-draw-common.c: text, badges and file export shared by FlxPlot and FlxFieldView. */
#include "flx-draw-common.h"

#include <pango/pangocairo.h>
#include <cairo-svg.h>
#include <cairo-pdf.h>
#include <math.h>
#include <string.h>

void
_flx_draw_style_init_light (FlxDrawStyle *style)
{
  memset (style, 0, sizeof *style);
  style->dark = FALSE;
  style->fg[0] = style->fg[1] = style->fg[2] = 0.12; style->fg[3] = 1;
  style->bg[0] = style->bg[1] = style->bg[2] = 1; style->bg[3] = 1;
  /* GNOME blue 3 (#3584e4) */
  style->accent[0] = 0x35 / 255.; style->accent[1] = 0x84 / 255.; style->accent[2] = 0xe4 / 255.;
  style->accent[3] = 1;
  g_strlcpy (style->font_family, "Sans", sizeof style->font_family);
  style->font_size = 13;
}

void
_flx_draw_style_init_dark (FlxDrawStyle *style)
{
  _flx_draw_style_init_light (style);
  style->dark = TRUE;
  style->fg[0] = style->fg[1] = style->fg[2] = 1;
  style->bg[0] = style->bg[1] = style->bg[2] = 0x24 / 255.;
  /* GNOME blue 1 (#78aeed), readable on dark */
  style->accent[0] = 0x78 / 255.; style->accent[1] = 0xae / 255.; style->accent[2] = 0xed / 255.;
}

void
_flx_set_rgba (cairo_t      *cr,
               const double  rgba[4],
               double        alpha_scale)
{
  cairo_set_source_rgba (cr, rgba[0], rgba[1], rgba[2], rgba[3] * alpha_scale);
}

static PangoLayout *
make_layout (cairo_t            *cr,
             const FlxDrawStyle *style,
             const char         *text,
             double              size,
             gboolean            bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_new ();
  cairo_font_options_t *fo = cairo_font_options_create ();

  /* Metrics hinting off: text must not jump when the plot is exported at another scale. */
  cairo_font_options_set_hint_metrics (fo, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), fo);
  pango_layout_context_changed (layout);
  cairo_font_options_destroy (fo);

  pango_font_description_set_family (desc, style->font_family[0] ? style->font_family : "Sans");
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);

  /* Labels may use Pango markup (E<sub>F</sub>); fall back to plain text if it does not
   * parse, because pango_layout_set_markup() would print a warning. */
  if (text && strchr (text, '<') && pango_parse_markup (text, -1, 0, NULL, NULL, NULL, NULL))
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

void
_flx_text_size (cairo_t            *cr,
                const FlxDrawStyle *style,
                const char         *text,
                double              size,
                gboolean            bold,
                double             *w,
                double             *h)
{
  PangoLayout *layout = make_layout (cr, style, text, size, bold);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (w)
    *w = logical.width / (double) PANGO_SCALE;
  if (h)
    *h = logical.height / (double) PANGO_SCALE;
  g_object_unref (layout);
}

/**
 * _flx_draw_text:
 * @angle: rotation in radians about (@x, @y), e.g. -G_PI/2 for a y-axis title
 *
 * Draws text in the current source colour, anchored at (@x, @y) by (@ax, @ay).
 */
void
_flx_draw_text (cairo_t            *cr,
                const FlxDrawStyle *style,
                const char         *text,
                double              size,
                gboolean            bold,
                double              x,
                double              y,
                double              ax,
                double              ay,
                double              angle,
                double             *out_w,
                double             *out_h)
{
  PangoLayout *layout;
  PangoRectangle logical;
  double w, h;

  if (text == NULL || *text == '\0')
    {
      if (out_w) *out_w = 0;
      if (out_h) *out_h = 0;
      return;
    }
  layout = make_layout (cr, style, text, size, bold);
  pango_layout_get_extents (layout, NULL, &logical);
  w = logical.width / (double) PANGO_SCALE;
  h = logical.height / (double) PANGO_SCALE;
  cairo_save (cr);
  cairo_translate (cr, x, y);
  if (angle != 0)
    cairo_rotate (cr, angle);
  cairo_move_to (cr, -ax * w - logical.x / (double) PANGO_SCALE, -ay * h);
  pango_cairo_show_layout (cr, layout);
  /* the path is not part of the saved state: drop the current point, or the next arc
   * would start with a line from here */
  cairo_new_path (cr);
  cairo_restore (cr);
  g_object_unref (layout);
  if (out_w) *out_w = w;
  if (out_h) *out_h = h;
}

/* Centred at @x, top at @y, ellipsized to @max_w: titles in narrow or large-text plots. */
void
_flx_draw_text_fit (cairo_t            *cr,
                    const FlxDrawStyle *style,
                    const char         *text,
                    double              size,
                    gboolean            bold,
                    double              x,
                    double              y,
                    double              max_w)
{
  PangoLayout *layout;
  PangoRectangle logical;

  if (text == NULL || *text == '\0' || max_w < 10)
    return;
  layout = make_layout (cr, style, text, size, bold);
  pango_layout_set_width (layout, (int) (max_w * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_get_extents (layout, NULL, &logical);
  cairo_move_to (cr, x - logical.width / (2.0 * PANGO_SCALE) - logical.x / (double) PANGO_SCALE, y);
  pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);
  g_object_unref (layout);
}

void
_flx_rounded_rect (cairo_t *cr, double x, double y, double w, double h, double r)
{
  r = MIN (r, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* A small pill with text, e.g. "updating…"; @ax anchors it horizontally at @x. */
void
_flx_draw_badge (cairo_t            *cr,
                 const FlxDrawStyle *style,
                 const char         *text,
                 double              size,
                 double              x,
                 double              y,
                 double              ax)
{
  double w, h, pad = size * 0.5;

  _flx_text_size (cr, style, text, size, FALSE, &w, &h);
  x -= ax * (w + 2 * pad);
  _flx_rounded_rect (cr, x, y, w + 2 * pad, h + pad * 0.6, (h + pad * 0.6) / 2);
  _flx_set_rgba (cr, style->fg, 0.85);
  cairo_fill (cr);
  cairo_set_source_rgba (cr, style->dark ? 0.1 : 1, style->dark ? 0.1 : 1, style->dark ? 0.1 : 1, 1);
  _flx_draw_text (cr, style, text, size, FALSE, x + pad, y + pad * 0.3, 0, 0, 0, NULL, NULL);
}

static cairo_status_t
append_bytes_cb (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append ((GByteArray *) closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * _flx_draw_to_image:
 *
 * Returns: (transfer full): an ARGB32 image of (@width × @scale) × (@height × @scale) pixels
 */
cairo_surface_t *
_flx_draw_to_image (FlxDrawFunc func,
                    gpointer    user_data,
                    int         width,
                    int         height,
                    double      scale)
{
  int pw = MAX (1, (int) ceil (width * scale));
  int ph = MAX (1, (int) ceil (height * scale));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pw, ph);
  cairo_t *cr = cairo_create (surface);

  cairo_scale (cr, scale, scale);
  func (cr, width, height, user_data);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/**
 * _flx_export_draw:
 *
 * Renders into memory first, then g_file_replace_contents() writes a temporary file and
 * renames it over @path, so a failed export leaves an existing file untouched.
 */
gboolean
_flx_export_draw (FlxDrawFunc      func,
                  gpointer         user_data,
                  const char      *path,
                  FlxExportFormat  format,
                  int              width,
                  int              height,
                  double           scale,
                  GError         **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GFile) file = NULL;
  cairo_surface_t *surface = NULL;
  cairo_status_t status;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (width <= 0 || height <= 0 || width > 20000 || height > 20000 || !(scale > 0) || scale > 16)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Invalid export size %d × %d at scale %g", width, height, scale);
      return FALSE;
    }

  switch (format)
    {
    case FLX_EXPORT_PNG:
      surface = _flx_draw_to_image (func, user_data, width, height, scale);
      status = cairo_surface_write_to_png_stream (surface, append_bytes_cb, bytes);
      break;

    case FLX_EXPORT_SVG:
    case FLX_EXPORT_PDF:
      {
        cairo_t *cr;

        if (format == FLX_EXPORT_SVG)
          surface = cairo_svg_surface_create_for_stream (append_bytes_cb, bytes, width, height);
        else
          surface = cairo_pdf_surface_create_for_stream (append_bytes_cb, bytes, width, height);
        cr = cairo_create (surface);
        func (cr, width, height, user_data);
        status = cairo_status (cr);
        cairo_destroy (cr);
        cairo_surface_finish (surface);
        if (status == CAIRO_STATUS_SUCCESS)
          status = cairo_surface_status (surface);
      }
      break;

    default:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "Unknown export format %d", format);
      return FALSE;
    }
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not render the figure: %s",
                   cairo_status_to_string (status));
      return FALSE;
    }

  file = g_file_new_for_path (path);
  return g_file_replace_contents (file, (const char *) bytes->data, bytes->len, NULL, FALSE,
                                  G_FILE_CREATE_NONE, NULL, NULL, error);
}
