/* SPDX-License-Identifier: GPL-3.0-or-later */
/* widget-gallery-demo: opens the widget gallery without the application, for screenshots
 * (../shared/tools/shot.sh). Built, not run by meson test. */
#include <gtk/gtk.h>

#include "flx-widget-gallery.h"

static void
activate_cb (GtkApplication *app)
{
  gtk_window_present (flx_widget_gallery_new (app));
}

int
main (int argc, char **argv)
{
  g_autoptr(GtkApplication) app = gtk_application_new ("io.github.flexolab.WidgetGallery",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
