/* flx-figure.c: copy and export figures (issue 9).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plots and maps use their own exporters (widgets/), so a copied or exported figure looks
 * the same whatever the theme: light paper colours, atomic file writes.  A result area has
 * no exporter; it is rendered as the screen shows it, through the window's renderer.
 * The context menu is attached by walking the views once (every view builds its plots
 * and maps up front), so no view needs code of its own.
 */
#include "config.h"

#include "flx-figure.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "flx-field-view.h"
#include "flx-plot.h"

#define FIGURE_SCALE 2 /* copied plots and maps: 2x the screen size, crisp on a slide */

static gboolean
is_figure (GtkWidget *w)
{
  return FLX_IS_PLOT (w) || FLX_IS_FIELD_VIEW (w);
}

static GtkWidget *
figure_ancestor (GtkWidget *w)
{
  for (; w != NULL; w = gtk_widget_get_parent (w))
    if (is_figure (w))
      return w;
  return NULL;
}

/* A map through its file exporter (the only one it has), via a temporary PNG. */
static GdkTexture *
render_map (FlxFieldView *map, int w, int h, GError **error)
{
  g_autofree char *path = NULL;
  GdkTexture *tex = NULL;
  int fd = g_file_open_tmp ("flexolab-figure-XXXXXX.png", &path, error);

  if (fd < 0)
    return NULL;
  g_close (fd, NULL);
  if (flx_field_view_export (map, path, FLX_EXPORT_PNG, w, h, FIGURE_SCALE, error))
    {
      g_autoptr (GFile) file = g_file_new_for_path (path);
      tex = gdk_texture_new_from_file (file, error);
    }
  g_unlink (path);
  return tex;
}

GdkTexture *
flx_figure_render (GtkWidget *widget, GError **error)
{
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  GtkNative *native = gtk_widget_get_native (widget);
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  GtkSnapshot *s;
  gboolean dark;
  GdkRGBA bg;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  if (w <= 0 || h <= 0 || native == NULL || !gtk_widget_get_realized (widget))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("There is no figure on screen to copy"));
      return NULL;
    }
  if (FLX_IS_PLOT (widget))
    {
      GdkTexture *tex = flx_plot_export_to_texture (FLX_PLOT (widget), w, h, FIGURE_SCALE);
      if (tex == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The plot could not be drawn"));
      return tex;
    }
  if (FLX_IS_FIELD_VIEW (widget))
    return render_map (FLX_FIELD_VIEW (widget), w, h, error);

  /* Opaque: a slide behind a transparent PNG would change the text contrast.  Adwaita's
   * window backgrounds (#fafafa, #242424). */
  dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  bg = dark ? (GdkRGBA) { 0x24 / 255., 0x24 / 255., 0x24 / 255., 1 }
            : (GdkRGBA) { 0xfa / 255., 0xfa / 255., 0xfa / 255., 1 };
  s = gtk_snapshot_new ();
  gtk_snapshot_append_color (s, &bg, &GRAPHENE_RECT_INIT (0, 0, w, h));
  paintable = gtk_widget_paintable_new (widget);
  gdk_paintable_snapshot (paintable, s, w, h);
  node = gtk_snapshot_free_to_node (s);
  {
    GdkTexture *tex = node ? gsk_renderer_render_texture (gtk_native_get_renderer (native), node,
                                                          &GRAPHENE_RECT_INIT (0, 0, w, h))
                           : NULL;
    if (tex == NULL)
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("There is no figure on screen to copy"));
    return tex;
  }
}

GtkWidget *
flx_figure_pick (GtkWidget *window, GtkWidget *fallback)
{
  GtkWidget *focus = GTK_IS_ROOT (window) ? gtk_root_get_focus (GTK_ROOT (window)) : NULL;
  GtkWidget *fig = figure_ancestor (focus);
  GtkNative *native = gtk_widget_get_native (window);
  GdkSurface *surface = native ? gtk_native_get_surface (native) : NULL;
  GdkSeat *seat = gdk_display_get_default_seat (gtk_widget_get_display (window));
  GdkDevice *pointer = seat ? gdk_seat_get_pointer (seat) : NULL;
  double x, y, tx, ty;

  if (fig == NULL && surface != NULL && pointer != NULL
      && gdk_surface_get_device_position (surface, pointer, &x, &y, NULL))
    {
      gtk_native_get_surface_transform (native, &tx, &ty);
      fig = figure_ancestor (gtk_widget_pick (window, x - tx, y - ty, GTK_PICK_DEFAULT));
    }
  /* Only what is on the page the user sees (not a hidden page's plot). */
  if (fig != NULL && fallback != NULL && !gtk_widget_is_ancestor (fig, fallback))
    fig = NULL;
  return fig != NULL && gtk_widget_is_drawable (fig) ? fig : fallback;
}

gboolean
flx_figure_copy (GtkWidget *widget, GError **error)
{
  g_autoptr (GdkTexture) tex = flx_figure_render (widget, error);

  if (tex == NULL)
    return FALSE;
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (widget), tex);
  return TRUE;
}

/* --- export ---------------------------------------------------------------------------- */

gboolean
flx_figure_export (GtkWidget *widget, const char *path, const char *size, GError **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  FlxExportFormat format;
  int w = 0, h = 0;
  char x;

  if (g_str_has_suffix (lower, ".png"))
    format = FLX_EXPORT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    format = FLX_EXPORT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    format = FLX_EXPORT_PDF;
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Unknown figure format for “%s”: use .png, .svg or .pdf"), path);
      return FALSE;
    }
  if (size == NULL || sscanf (size, "%d%c%d", &w, &x, &h) != 3 || x != 'x' || w <= 0 || h <= 0)
    {
      /* the size on screen */
      w = gtk_widget_get_width (widget);
      h = gtk_widget_get_height (widget);
    }
  if (FLX_IS_PLOT (widget))
    return flx_plot_export (FLX_PLOT (widget), path, format, w, h, 1, error);
  if (FLX_IS_FIELD_VIEW (widget))
    return flx_field_view_export (FLX_FIELD_VIEW (widget), path, format, w, h, 1, error);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Only plots and maps export"));
  return FALSE;
}

static void
toast (GtkWidget *widget, const char *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  AdwToast *t;

  if (overlay == NULL)
    return;
  t = adw_toast_new (text);
  adw_toast_set_timeout (t, 5);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), t);
}

static const char *const sizes[] = { "screen", "800x600", "1600x1200", "1920x1080", NULL };

static void
export_response_cb (GtkNativeDialog *dialog, int response, GtkWidget *widget)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      const char *size = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "size");
      GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (dialog));
      g_autoptr (GError) error = NULL;
      g_autofree char *msg = NULL;

      if (path == NULL)
        msg = g_strdup (_("Export failed: only local files can be written"));
      else
        {
          /* No extension typed: the chosen filter says which format was meant. */
          g_autofree char *lower = g_ascii_strdown (path, -1);
          const char *ext = filter ? g_object_get_data (G_OBJECT (filter), "flx-ext") : ".png";
          if (!g_str_has_suffix (lower, ".png") && !g_str_has_suffix (lower, ".svg")
              && !g_str_has_suffix (lower, ".pdf"))
            {
              char *with = g_strconcat (path, ext ? ext : ".png", NULL);
              g_free (path);
              path = with;
            }
          if (flx_figure_export (widget, path, size, &error))
            {
              g_autofree char *base = g_path_get_basename (path);
              msg = g_strdup_printf (_("Figure exported to %s"), base);
            }
          else
            msg = g_strdup_printf (_("Export failed: %s"), error->message);
        }
      toast (widget, msg);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (widget);
}

static void
add_filter (GtkFileChooser *chooser, const char *name, const char *mime, const char *ext)
{
  GtkFileFilter *f = gtk_file_filter_new ();

  gtk_file_filter_set_name (f, name);
  gtk_file_filter_add_mime_type (f, mime);
  g_object_set_data (G_OBJECT (f), "flx-ext", (gpointer) ext);
  gtk_file_chooser_add_filter (chooser, f);
  g_object_unref (f);
}

static void
export_action_cb (GSimpleAction *action, GVariant *param, gpointer data)
{
  GtkWidget *widget = data;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog;
  g_autofree char *screen = g_strdup_printf (_("As on screen (%d × %d)"),
                                             gtk_widget_get_width (widget),
                                             gtk_widget_get_height (widget));
  const char *title = FLX_IS_PLOT (widget) ? flx_plot_get_title (FLX_PLOT (widget)) : NULL;
  g_autofree char *name = g_strdup_printf ("%s.png", title && *title ? title : _("figure"));

  dialog = gtk_file_chooser_native_new (_("Export Figure"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  add_filter (GTK_FILE_CHOOSER (dialog), _("PNG image"), "image/png", ".png");
  add_filter (GTK_FILE_CHOOSER (dialog), _("SVG drawing"), "image/svg+xml", ".svg");
  add_filter (GTK_FILE_CHOOSER (dialog), _("PDF document"), "application/pdf", ".pdf");
  const char *labels[] = { screen, "800 × 600", "1600 × 1200", "1920 × 1080", NULL };

  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (dialog), "size", _("Size (px, pt for SVG/PDF)"),
                               (const char **) sizes, labels);
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), g_object_ref (widget));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
copy_action_cb (GSimpleAction *action, GVariant *param, gpointer data)
{
  GtkWidget *widget = data;
  g_autoptr (GError) error = NULL;

  if (flx_figure_copy (widget, &error))
    toast (widget, _("Figure copied"));
  else
    {
      g_autofree char *msg = g_strdup_printf (_("Could not copy the figure: %s"),
                                              error->message);
      toast (widget, msg);
    }
}

static void
menu_pressed_cb (GtkGesture *gesture, int n_press, double x, double y, GtkWidget *popover)
{
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (popover));
  gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
long_pressed_cb (GtkGestureLongPress *gesture, double x, double y, GtkWidget *popover)
{
  menu_pressed_cb (GTK_GESTURE (gesture), 1, x, y, popover);
}

static void
attach_one (GtkWidget *widget)
{
  const GActionEntry entries[] = {
    { "copy", copy_action_cb },
    { "export", export_action_cb },
  };
  g_autoptr (GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr (GMenu) menu = g_menu_new ();
  GtkWidget *popover;
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *press = gtk_gesture_long_press_new ();

  if (g_object_get_data (G_OBJECT (widget), "flx-figure-menu") != NULL)
    return;
  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), widget);
  gtk_widget_insert_action_group (widget, "figure", G_ACTION_GROUP (group));
  g_menu_append (menu, _("_Copy Figure"), "figure.copy");
  g_menu_append (menu, _("_Export Figure…"), "figure.export");
  popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_widget_set_halign (popover, GTK_ALIGN_START);
  /* A popover is a child of the widget it points into; FlxPlot and FlxFieldView allocate
   * their children themselves, and a popover sizes itself, so set_parent is enough. */
  gtk_widget_set_parent (popover, widget);
  g_object_set_data (G_OBJECT (widget), "flx-figure-menu", popover);
  /* The widgets do not know this child: unparent it before they are finalized. */
  g_signal_connect_object (widget, "destroy", G_CALLBACK (gtk_widget_unparent), popover,
                           G_CONNECT_SWAPPED);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (menu_pressed_cb), popover);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (press), TRUE);
  g_signal_connect (press, "pressed", G_CALLBACK (long_pressed_cb), popover);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (press));
}

void
flx_figure_attach (GtkWidget *root)
{
  if (is_figure (root))
    {
      attach_one (root);
      return;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    flx_figure_attach (c);
}
