/* SPDX-License-Identifier: GPL-3.0-or-later */
/* flx-widget-gallery.c: sample data for every widget feature.  The numbers are
 * illustrative shapes, not physics; nothing here may be read as a model result. */
#include "flx-widget-gallery.h"

#include <math.h>

#include "flx-widgets.h"

#define N_FIELD 256

typedef struct
{
  GPtrArray *plots;
  GPtrArray *fields;
  FlxFieldView *animated;
  guint tick_id;
  double *buffer;
} Gallery;

static void
gallery_free (gpointer p)
{
  Gallery *g = p;

  g_ptr_array_unref (g->plots);
  g_ptr_array_unref (g->fields);
  g_free (g->buffer);
  g_free (g);
}

static GtkWidget *
frame (GtkWidget *child)
{
  GtkWidget *f = gtk_frame_new (NULL);

  gtk_frame_set_child (GTK_FRAME (f), child);
  gtk_widget_set_hexpand (child, TRUE);
  gtk_widget_set_vexpand (child, TRUE);
  return f;
}

/* Resistance over 12 decades on a log axis, with threshold and draggable marker. */
static GtkWidget *
make_log_plot (void)
{
  FlxPlot *plot = FLX_PLOT (flx_plot_new ());
  double v[200], r_off[200], r_on[40], v_on[40];

  for (int i = 0; i < 200; i++)
    {
      v[i] = 5.0 * i / 199;
      r_off[i] = pow (10, 12 - 2.0 * v[i]) * (1 + 0.3 * sin (7 * v[i]));
    }
  for (int i = 0; i < 40; i++)
    {
      v_on[i] = 5.0 * i / 39;
      r_on[i] = 1e2 * (1 + 0.5 * v_on[i]);
    }
  r_off[20] = 0; /* non-positive point: skipped on the log axis, noted in the plot */
  flx_plot_set_title (plot, "Resistance switching (log axis, 12 decades)");
  flx_plot_set_axis (plot, FLX_AXIS_X, "Voltage", "V");
  flx_plot_set_axis (plot, FLX_AXIS_Y, "Resistance", "Ohm");
  flx_plot_set_axis_scale (plot, FLX_AXIS_Y, FLX_AXIS_SCALE_LOG10);
  flx_plot_set_series (plot, "off", "High-resistance state", v, r_off, 200);
  flx_plot_set_series (plot, "on", "Low-resistance state", v_on, r_on, 40);
  flx_plot_set_series_style (plot, "on", FLX_SERIES_LINE_MARKERS);
  flx_plot_add_hline (plot, FLX_AXIS_Y, 1e6, "Read threshold 1 MΩ", FLX_DASH_DASHED, NULL);
  flx_plot_set_marker (plot, TRUE, 2.5, NULL);
  return GTK_WIDGET (plot);
}

/* Band-diagram style: shaded gap between bands, Fermi level, labels, arrow, interface. */
static GtkWidget *
make_band_plot (void)
{
  FlxPlot *plot = FLX_PLOT (flx_plot_new ());
  enum { N = 300 };
  double x[N], ec[N], ev[N];
  GdkRGBA depletion = { 0.35, 0.6, 0.9, 1 };

  for (int i = 0; i < N; i++)
    {
      x[i] = 100e-9 * i / (N - 1);
      /* bending near the interface at 20 nm, over a 30 nm depletion width */
      double bend = x[i] < 20e-9 ? 0 : x[i] < 50e-9 ? 0.6 * pow ((50e-9 - x[i]) / 30e-9, 2) : 0;
      ec[i] = 1.1 + bend - (x[i] < 20e-9 ? 0.4 : 0);
      ev[i] = ec[i] - (x[i] < 20e-9 ? 0.7 : 1.12);
    }
  flx_plot_set_title (plot, "Band diagram");
  flx_plot_set_axis (plot, FLX_AXIS_X, "Position", "m");
  flx_plot_set_axis (plot, FLX_AXIS_Y, "Energy", "eV");
  flx_plot_set_series_fill (plot, "gap", NULL, x, ev, ec, N);
  flx_plot_set_series_palette_index (plot, "gap", 5);
  flx_plot_set_series (plot, "ec", "E<sub>C</sub>", x, ec, N);
  flx_plot_set_series (plot, "ev", "E<sub>V</sub>", x, ev, N);
  flx_plot_set_series_palette_index (plot, "ec", 0);
  flx_plot_set_series_palette_index (plot, "ev", 1);
  flx_plot_add_band (plot, GTK_ORIENTATION_VERTICAL, 20e-9, 50e-9, "depletion", &depletion);
  flx_plot_add_hline (plot, FLX_AXIS_Y, 0.55, "E<sub>F</sub>", FLX_DASH_DASHED, NULL);
  flx_plot_add_vline (plot, 20e-9, "interface", FLX_DASH_DOTTED, NULL);
  flx_plot_add_text (plot, 75e-9, 1.25, "E<sub>C</sub>");
  flx_plot_add_text (plot, 75e-9, 0.12, "E<sub>V</sub>");
  flx_plot_add_arrow (plot, 65e-9, 0.55, 65e-9, 1.1, "E<sub>C</sub> − E<sub>F</sub>");
  return GTK_WIDGET (plot);
}

/* Force–indentation with an energy curve on the secondary axis and a step series. */
static GtkWidget *
make_y2_plot (void)
{
  FlxPlot *plot = FLX_PLOT (flx_plot_new ());
  enum { N = 120 };
  double d[N], f[N], w[N], ds[12], fs[12];

  for (int i = 0; i < N; i++)
    {
      d[i] = 50e-9 * i / (N - 1);
      f[i] = 2e-6 * pow (d[i] / 50e-9, 1.5);            /* Hertz-like shape, N */
      w[i] = 0.4 * 2e-6 * 50e-9 * pow (d[i] / 50e-9, 2.5); /* its integral, J */
    }
  for (int i = 0; i < 12; i++)
    {
      ds[i] = 50e-9 * i / 11;
      fs[i] = 2e-6 * round (4 * pow (ds[i] / 50e-9, 1.5)) / 4;
    }
  flx_plot_set_title (plot, "Secondary axis, step series, draggable marker");
  flx_plot_set_axis (plot, FLX_AXIS_X, "Indentation", "m");
  flx_plot_set_axis (plot, FLX_AXIS_Y, "Force", "N");
  flx_plot_set_axis (plot, FLX_AXIS_Y2, "Work", "J");
  flx_plot_set_series (plot, "force", "Force", d, f, N);
  flx_plot_set_series (plot, "steps", "Controller setpoint", ds, fs, 12);
  flx_plot_set_series_style (plot, "steps", FLX_SERIES_STEP);
  flx_plot_set_series_dash (plot, "steps", FLX_DASH_DASHED);
  flx_plot_set_series (plot, "work", "Work (right axis)", d, w, N);
  flx_plot_set_series_y_axis (plot, "work", FLX_AXIS_Y2);
  flx_plot_set_series_dash (plot, "work", FLX_DASH_DASH_DOT);
  flx_plot_set_marker (plot, TRUE, 30e-9, NULL);
  return GTK_WIDGET (plot);
}

/* 100 000 points, decimated per pixel column; shown stale with a preview badge. */
static GtkWidget *
make_dense_plot (void)
{
  FlxPlot *plot = FLX_PLOT (flx_plot_new ());
  enum { N = 100000 };
  double *x = g_new (double, N), *y = g_new (double, N), *lo = g_new (double, N), *hi = g_new (double, N);
  guint32 seed = 12345;

  for (int i = 0; i < N; i++)
    {
      double t = (double) i / (N - 1), noise;
      seed = seed * 1664525u + 1013904223u; /* LCG: reproducible noise */
      noise = ((seed >> 8) / (double) (1 << 24) - 0.5) * 0.2e-3;
      x[i] = 100e-9 * t;
      y[i] = 1e-3 * sin (2 * G_PI * 3 * t) * exp (-2 * t) + noise;
      lo[i] = 1e-3 * sin (2 * G_PI * 3 * t) * exp (-2 * t) - 0.25e-3;
      hi[i] = lo[i] + 0.5e-3;
    }
  flx_plot_set_title (plot, "100 000 points");
  flx_plot_set_axis (plot, FLX_AXIS_X, "Position", "m");
  flx_plot_set_axis (plot, FLX_AXIS_Y, "Strain", "");
  flx_plot_set_series_fill (plot, "band", "±2σ", x, lo, hi, N);
  flx_plot_set_series (plot, "strain", "Strain (noisy)", x, y, N);
  flx_plot_set_series_palette_index (plot, "band", 0);
  flx_plot_set_series_palette_index (plot, "strain", 0);
  flx_plot_set_preview_text (plot, "Preview: coarse mesh");
  g_free (x); g_free (y); g_free (lo); g_free (hi);
  return GTK_WIDGET (plot);
}

static void
fill_temperature (double *t,
                  double  phase)
{
  for (int j = 0; j < N_FIELD; j++)
    for (int i = 0; i < N_FIELD; i++)
      {
        double x = (i + 0.5) / N_FIELD - 0.5, y = (j + 0.5) / N_FIELD;
        double r2 = x * x + (y - 0.85) * (y - 0.85);
        t[j * N_FIELD + i] = 300 + 80 * exp (-r2 / (0.05 + 0.01 * sin (phase))) + 5 * y;
      }
}

/* Temperature under a tip: viridis, contours, tip outline, nm axes. */
static GtkWidget *
make_temperature_view (Gallery *g)
{
  FlxFieldView *view = FLX_FIELD_VIEW (flx_field_view_new ());
  double *t = g_new (double, N_FIELD * N_FIELD);
  double levels[] = { 310, 330, 350, 370 };
  double tip_x[] = { -60e-9, -8e-9, 0, 8e-9, 60e-9 };
  double tip_y[] = { 200e-9, 87e-9, 85e-9, 87e-9, 200e-9 };

  fill_temperature (t, 0);
  flx_field_view_set_title (view, "Temperature (viridis, contours, tip outline)");
  flx_field_view_set_data (view, t, N_FIELD, N_FIELD, -50e-9, 50e-9, 0, 100e-9);
  flx_field_view_set_value_label (view, "Temperature", "K");
  flx_field_view_set_axis_labels (view, "x", "z", "m");
  flx_field_view_set_contours (view, levels, G_N_ELEMENTS (levels));
  flx_field_view_set_overlay (view, tip_x, tip_y, G_N_ELEMENTS (tip_x));
  g->animated = view;
  g->buffer = t;
  return GTK_WIDGET (view);
}

/* Signed polarization with the diverging map and direction arrows. */
static GtkWidget *
make_polarization_view (void)
{
  enum { N = 128 };
  FlxFieldView *view = FLX_FIELD_VIEW (flx_field_view_new ());
  double *p = g_new (double, N * N), *u = g_new (double, N * N), *v = g_new (double, N * N);
  double zero = 0;

  for (int j = 0; j < N; j++)
    for (int i = 0; i < N; i++)
      {
        double x = (i + 0.5) / N, y = (j + 0.5) / N;
        /* two domains with a tilted wall, components as a rotating vector */
        double s = tanh ((x - 0.5 - 0.2 * (y - 0.5)) / 0.08);
        double a = G_PI / 2 * s;
        p[j * N + i] = 0.26 * s;
        u[j * N + i] = 0.26 * cos (a);
        v[j * N + i] = 0.26 * sin (a);
      }
  flx_field_view_set_title (view, "Polarization (diverging, arrows)");
  flx_field_view_set_colormap (view, FLX_COLORMAP_DIVERGING);
  flx_field_view_set_data (view, p, N, N, 0, 2e-6, 0, 1e-6);
  flx_field_view_set_vectors (view, u, v, N, N);
  flx_field_view_set_contours (view, &zero, 1);
  flx_field_view_set_value_label (view, "P<sub>z</sub>", "C/m^2");
  flx_field_view_set_axis_labels (view, "x", "y", "m");
  g_free (p); g_free (u); g_free (v);
  return GTK_WIDGET (view);
}

static void
large_text_toggled_cb (GtkToggleButton *button,
                       Gallery         *g)
{
  gboolean on = gtk_toggle_button_get_active (button);

  for (guint i = 0; i < g->plots->len; i++)
    flx_plot_set_large_text (g_ptr_array_index (g->plots, i), on);
  for (guint i = 0; i < g->fields->len; i++)
    flx_field_view_set_large_text (g_ptr_array_index (g->fields, i), on);
}

static void
stale_toggled_cb (GtkToggleButton *button,
                  Gallery         *g)
{
  gboolean on = gtk_toggle_button_get_active (button);

  for (guint i = 0; i < g->plots->len; i++)
    flx_plot_set_stale (g_ptr_array_index (g->plots, i), on);
  for (guint i = 0; i < g->fields->len; i++)
    flx_field_view_set_stale (g_ptr_array_index (g->fields, i), on);
}

/* 60 fps updates of a same-size field: exercises the glTexSubImage2D path. */
static gboolean
animate_tick_cb (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  Gallery *g = user_data;
  double t = gdk_frame_clock_get_frame_time (clock) / 1e6;

  fill_temperature (g->buffer, 3 * t);
  flx_field_view_set_data (g->animated, g->buffer, N_FIELD, N_FIELD, -50e-9, 50e-9, 0, 100e-9);
  return G_SOURCE_CONTINUE;
}

static void
animate_toggled_cb (GtkToggleButton *button,
                    Gallery         *g)
{
  if (gtk_toggle_button_get_active (button) && g->tick_id == 0)
    g->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (g->animated), animate_tick_cb, g, NULL);
  else if (!gtk_toggle_button_get_active (button) && g->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (g->animated), g->tick_id);
      g->tick_id = 0;
    }
}

static void
marker_moved_cb (FlxPlot   *plot,
                 double     x,
                 GtkLabel  *label)
{
  g_autofree char *text = g_strdup_printf ("Marker at %.4g", x);
  gtk_label_set_text (label, text);
}

/**
 * flx_widget_gallery_new:
 * @app: (nullable): application to attach the window to
 *
 * Returns: (transfer none): a new window, not yet presented
 */
GtkWindow *
flx_widget_gallery_new (GtkApplication *app)
{
  Gallery *g = g_new0 (Gallery, 1);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *header = gtk_header_bar_new ();
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *large = gtk_toggle_button_new_with_label ("Large text");
  GtkWidget *stale = gtk_toggle_button_new_with_label ("Stale");
  GtkWidget *animate = gtk_toggle_button_new_with_label ("Animate field");
  GtkWidget *status = gtk_label_new ("Drag the blue markers; scroll to zoom, drag to pan, double-click to reset");
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *w[6];

  g->plots = g_ptr_array_new ();
  g->fields = g_ptr_array_new ();
  g_object_set_data_full (G_OBJECT (window), "flx-gallery", g, gallery_free);

  if (app)
    gtk_window_set_application (GTK_WINDOW (window), app);
  gtk_window_set_title (GTK_WINDOW (window), "Flexolab widget gallery");
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_set_titlebar (GTK_WINDOW (window), header);
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), large);
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), stale);
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), animate);

  w[0] = make_log_plot ();
  w[1] = make_band_plot ();
  w[2] = make_y2_plot ();
  w[3] = make_dense_plot ();
  w[4] = make_temperature_view (g);
  w[5] = make_polarization_view ();
  for (int i = 0; i < 4; i++)
    g_ptr_array_add (g->plots, w[i]);
  g_ptr_array_add (g->fields, w[4]);
  g_ptr_array_add (g->fields, w[5]);

  /* linked cursors: band diagram and dense plot share the position axis */
  g_object_bind_property (w[1], "hover-x", w[3], "highlight-x", G_BINDING_DEFAULT);
  g_object_bind_property (w[3], "hover-x", w[1], "highlight-x", G_BINDING_DEFAULT);

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_row_homogeneous (GTK_GRID (grid), TRUE);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  gtk_widget_set_margin_start (grid, 6);
  gtk_widget_set_margin_end (grid, 6);
  gtk_widget_set_margin_top (grid, 6);
  gtk_widget_set_margin_bottom (grid, 6);
  gtk_widget_set_vexpand (grid, TRUE);
  gtk_grid_attach (GTK_GRID (grid), frame (w[0]), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), frame (w[1]), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), frame (w[4]), 2, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), frame (w[2]), 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), frame (w[3]), 1, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), frame (w[5]), 2, 1, 1, 1);

  gtk_label_set_xalign (GTK_LABEL (status), 0);
  gtk_widget_set_margin_start (status, 8);
  gtk_widget_set_margin_bottom (status, 4);
  gtk_box_append (GTK_BOX (box), grid);
  gtk_box_append (GTK_BOX (box), status);
  gtk_window_set_child (GTK_WINDOW (window), box);

  g_signal_connect (large, "toggled", G_CALLBACK (large_text_toggled_cb), g);
  g_signal_connect (stale, "toggled", G_CALLBACK (stale_toggled_cb), g);
  g_signal_connect (animate, "toggled", G_CALLBACK (animate_toggled_cb), g);
  g_signal_connect (w[0], "marker-moved", G_CALLBACK (marker_moved_cb), status);
  g_signal_connect (w[2], "marker-moved", G_CALLBACK (marker_moved_cb), status);
  return GTK_WINDOW (window);
}
