/* SPDX-License-Identifier: GPL-3.0-or-later */
/* widget-gallery-demo: opens the widget gallery without the application, for screenshots
 * (../shared/tools/shot.sh).  Built, not run by meson test.
 * Options: --large-text, --stale, --animate switch on the gallery's header toggles. */
#include <gtk/gtk.h>

#include "flx-widget-gallery.h"

static char **toggles;

static void
press_toggles (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_TOGGLE_BUTTON (child))
        {
          const char *label = gtk_button_get_label (GTK_BUTTON (child));
          for (char **t = toggles; t && *t; t++)
            if (g_strcmp0 (label, *t) == 0)
              gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child), TRUE);
        }
      press_toggles (child);
    }
}

static void
activate_cb (GtkApplication *app)
{
  GtkWindow *window = flx_widget_gallery_new (app);

  press_toggles (gtk_window_get_titlebar (window));
  gtk_window_present (window);
}

int
main (int argc, char **argv)
{
  g_autoptr(GtkApplication) app = NULL;
  GPtrArray *names = g_ptr_array_new ();

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--large-text"))
        g_ptr_array_add (names, "Large text");
      else if (g_str_equal (argv[i], "--stale"))
        g_ptr_array_add (names, "Stale");
      else if (g_str_equal (argv[i], "--animate"))
        g_ptr_array_add (names, "Animate field");
    }
  g_ptr_array_add (names, NULL);
  toggles = (char **) names->pdata;

  app = gtk_application_new ("io.github.flexolab.WidgetGallery", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  {
    int status = g_application_run (G_APPLICATION (app), 1, argv);
    g_ptr_array_unref (names);
    return status;
  }
}
