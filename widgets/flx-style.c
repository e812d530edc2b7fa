/* SPDX-License-Identifier: GPL-3.0-or-later */
/* flx-style.c: colours and font from the GTK style, so plots follow dark mode and the
 * user's font size. */
#include "flx-style.h"

#include <string.h>

/**
 * _flx_draw_style_update_from_widget:
 * @last_fg: the foreground seen last time; updated
 *
 * Dark mode is inferred from the text colour's luminance, which works for Adwaita, high
 * contrast and custom themes alike without depending on libadwaita.
 *
 * Returns: %TRUE if the style changed and cached drawings must be rebuilt
 */
gboolean
_flx_draw_style_update_from_widget (GtkWidget    *widget,
                                    FlxDrawStyle *st,
                                    double        last_fg[4])
{
  PangoContext *pc = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *fd = pc ? pango_context_get_font_description (pc) : NULL;
  const char *family = fd ? pango_font_description_get_family (fd) : NULL;
  double size = st->font_size;
  GdkRGBA fg;
  double lum;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  /* gtk_widget_get_color() needs GTK 4.10 */
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS

  if (fd)
    {
      double s = pango_font_description_get_size (fd) / (double) PANGO_SCALE;
      if (!pango_font_description_get_size_is_absolute (fd))
        s *= 96.0 / 72.0;
      if (s > 4 && s < 100)
        size = s;
    }
  /* A font change (a larger-text class on the window) counts as much as a colour change. */
  if (fg.red == last_fg[0] && fg.green == last_fg[1] && fg.blue == last_fg[2] && fg.alpha == last_fg[3]
      && size == st->font_size && (family == NULL || strcmp (family, st->font_family) == 0))
    return FALSE;
  last_fg[0] = fg.red; last_fg[1] = fg.green; last_fg[2] = fg.blue; last_fg[3] = fg.alpha;

  lum = 0.2126 * fg.red + 0.7152 * fg.green + 0.0722 * fg.blue;
  if (lum > 0.5)
    _flx_draw_style_init_dark (st);
  else
    _flx_draw_style_init_light (st);
  st->fg[0] = fg.red; st->fg[1] = fg.green; st->fg[2] = fg.blue; st->fg[3] = MAX (fg.alpha, 0.6);
  st->fill_background = FALSE;
  if (size > 4)
    st->font_size = size;
  if (family)
    g_strlcpy (st->font_family, family, sizeof st->font_family);
  return TRUE;
}
