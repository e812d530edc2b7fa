/* flx-guide.c: the in-app guide (one short page per model, F1) and the first-start tour.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The texts are Pango markup kept in C so gettext sees them; each page says what to drag,
 * what to look for, the equations the model solves and the paper it follows.
 */
#include "config.h"

#include "flx-guide.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

typedef struct {
  const char *model_id;
  const char *drag;     /* what to drag */
  const char *look;     /* what to look for */
  const char *equations;
  const char *paper;
} GuidePage;

static const GuidePage pages[] = {
  { "cfr",
    N_("Drag <b>Force</b> from 0 to 30 µN and watch the key numbers and the band diagram. "
       "Then change <b>Tip radius</b>: a sharper tip makes a smaller contact and a larger "
       "strain gradient at the same force. <b>Bias</b> moves along the I–V curve; "
       "<b>Valence band</b> switches the Fig 1b hole channel on and off. Drag the force "
       "marker on the resistivity plot to set the force from the curve."),
    N_("The strain-gradient map under the contact, the tunnel barrier tilting in the band "
       "diagram (tip side up, SrRuO₃ side down), and R/R₀ falling by orders of magnitude "
       "once the polarization passes the threshold P<sub>th</sub> at which the tilted "
       "conduction band reaches the Fermi level. In Fig 3c the curves of the three tips "
       "collapse onto one line when plotted against the strain gradient."),
    N_("Hertz contact: a = (3FR / 4E*)<sup>1/3</sup>.\n"
       "Flexoelectric polarization (eq 2): P = ε<sub>r</sub>ε<sub>0</sub> f<sub>eff</sub> "
       "∂u<sub>33</sub>/∂x<sub>3</sub>.\n"
       "Barrier change: Δφ = e P t / (2ε<sub>r</sub>ε<sub>0</sub>); threshold (eq 3): "
       "P<sub>th</sub> = ε Δ<sub>bg</sub> / (e t).\n"
       "Tunnelling (WKB, eqs 4–8): R ∝ exp(2∫κ dx), κ = √(2m(φ(x) − E))/ħ."),
    N_("Park et al., Colossal flexoresistance in dielectrics, Nat. Commun. (seed 000).") },
  { "vacancy",
    N_("Choose the <b>Tip shape</b>: a sharp spherical tip (R = 25 nm) or a flat punch. "
       "Drag <b>Force</b> and <b>Bias</b>, and <b>Time</b> for how long the tip dwells; a "
       "non-zero <b>Scan speed</b> moves the tip back and forth. Play the animation to watch "
       "the vacancies move."),
    N_("Under a sharp tip the downward depolarization field drains vacancies from the "
       "surface into the bulk (a dark spot under the tip in the surface NVC profile); a "
       "blunt or flat tip pushes them sideways to the contact edge, where they pile up. "
       "<b>Moved sideways (scanning)</b> is the share a passing tip sends sideways rather "
       "than into the bulk: larger for the flat tip, as in the paper; a long static dwell "
       "(<b>Moved sideways (this run)</b>) empties the sharp tip's centre first and then "
       "turns the order round. "
       "The sigmoid panel compares the paper's Boltzmann fits (lines) with the simulated "
       "points: under the flat tip the force curve falls over a few µN, as in the paper, "
       "while the sharp tip's falls at once (its strain gradient does not grow with "
       "force); the recovery panel shows how the depletion fills in again by diffusion."),
    N_("Nernst–Planck drift–diffusion (eq 3): ∂c/∂t = ∇·(D∇c + μc∇φ), μ = zeD/kT.\n"
       "Flexoelectric polarization P<sub>i</sub> = ε f<sub>eff</sub> "
       "∂ε<sub>kl</sub>/∂x<sub>j</sub>; its bound charge −∇·P sets the potential "
       "(ε∇²φ = ∇·P, tip at the bias, bottom electrode grounded).\n"
       "Boltzmann sigmoid (eq 1): y = A<sub>2</sub> + (A<sub>1</sub> − A<sub>2</sub>) / "
       "(1 + e<sup>(x − X<sub>0</sub>)/M</sup>).\n"
       "Recovery: Fick's second law, S(t) for a film of thickness h."),
    N_("Kim et al., Controlled manipulation of oxygen vacancies using nanoscale "
       "flexoelectricity (seed 001).") },
  { "wo3",
    N_("Drag <b>Wall width</b> and <b>Strain jump</b> to change the wall's strain profile; "
       "<b>Ginzburg coefficient</b> sets the width the energy balance prefers. "
       "<b>Film thickness</b> and <b>Kittel prefactor</b> set the domain period; "
       "<b>PFM noise</b> degrades the angle-resolved lateral PFM; <b>Friction force</b> "
       "and <b>Contact diameter</b> drive the tip-shear problem."),
    /* xgettext:no-c-format */
    N_("The strain gradient peaks at the wall centre (about 10⁶ m⁻¹ for a 1.5 % jump over "
       "tens of nanometres), which is why a centrosymmetric WO<sub>3</sub> film responds "
       "piezoelectrically at its walls. The herringbone map shows the twin variants and "
       "the wall polarization; the PFM fit recovers the in-plane direction from four "
       "cantilever angles."),
    N_("Wall profile: ε<sub>xx</sub>(x) = ½Δε tanh(x/W); gradient maximum Δε/(2W).\n"
       "Flexopiezoelectric coefficient: θ = d<sub>eff</sub> / (s · ∂ε/∂x · ε<sub>0</sub>χ).\n"
       "Flexoelectric polarization (eq 3): P = μ ∂ε/∂x, μ = χε<sub>0</sub> · (−1.5 V).\n"
       "Domain period: w ∝ t<sup>0.6</sup> (quasi-Kittel)."),
    N_("Yun et al., Flexopiezoelectricity at ferroelastic domain walls in WO3 films "
       "(seed 002).") },
  { "gradients",
    N_("Pick a <b>Scenario</b>: membrane bending, misfit relaxation, tip indentation, a "
       "compositional gradient or the flexo-photovoltaic effect. Only that scenario's "
       "inputs are shown; drag them and read the result next to its formula."),
    N_("How each kind of gradient produces a polarization, a built-in field or a current, "
       "and the review's reference numbers for comparison. The photovoltaic scenario is "
       "an order-of-magnitude illustration only."),
    N_("μ = ε<sub>0</sub>ε<sub>r</sub>f<sub>eff</sub> and the flexoelectric field "
       "E = f<sub>eff</sub>g in every scenario (the review's eq 1 reduced to one component).\n"
       "Bending: g = κ, P = μκ, V = f<sub>eff</sub>κt.\n"
       "Misfit relaxation: u(z) = u<sub>m</sub>e<sup>−z/λ</sup>, interface gradient "
       "−u<sub>m</sub>/λ.\n"
       "Indentation: a = (4RFt / πc<sub>33</sub>)<sup>1/4</sup>, "
       "d<sub>eff</sub> ~ μ / (c<sub>33</sub>a) (order of magnitude).\n"
       "Composition: E = ΔE<sub>c</sub> / (e t).\n"
       "Flexo-photovoltaic: J = σ<sub>ph</sub>f<sub>eff</sub>g (order of magnitude)."),
    N_("Review: strain, field and chemical gradient engineering in oxide heterostructures "
       "(seed 003).") },
  { "lsmo",
    N_("Drag <b>Maximum voltage</b> (or switch <b>Control</b> to current) and "
       "<b>Substrate temperature</b> between 60 and 330 K. Use the play button on the "
       "temperature map to replay the sweep; drag the speed control to slow it down."),
    N_("Joule heating warms the channel until a stripe passes T<sub>c</sub> and turns "
       "insulating; the barrier then widens with voltage. The I–V curve bends back "
       "(negative differential resistance) below about 300 K and not at 330 K; up and down "
       "sweeps differ (hysteresis). The SI5 panels compare the analytic critical width "
       "and threshold voltage with the network."),
    N_("Barrier heat balance (SI5, eq 5.1): V²R<sub>I</sub>/(R<sub>M</sub> + "
       "R<sub>I</sub>)² = k<sub>s</sub>(T<sub>I</sub> − T<sub>0</sub>) + "
       "2k<sub>f</sub>(T<sub>I</sub> − T<sub>M</sub>); critical width d<sub>c</sub> "
       "(eq 5.7) and threshold voltage V<sub>th</sub> (eq 5.8).\n"
       "Resistor network (SI6): R(T) with a step of width 1/λ at T<sub>c</sub> (eqs "
       "6.1–6.2) and per node C<sub>V</sub>dT/dt = P − k<sub>h</sub>(5T − T<sub>sub</sub> − "
       "ΣT<sub>neighbours</sub>) (eq 6.3), solved with Kirchhoff's laws to steady state."),
    N_("Electro-thermal metal-to-insulator switching in La0.7Sr0.3MnO3 (seed 004, SI5 "
       "and SI6).") },
};

static const GuidePage *
find_page (const char *model_id)
{
  for (gsize i = 0; i < G_N_ELEMENTS (pages); i++)
    if (g_strcmp0 (pages[i].model_id, model_id) == 0)
      return &pages[i];
  return NULL;
}

gboolean
flx_guide_has_page (const char *model_id)
{
  return find_page (model_id) != NULL;
}

static GtkWidget *
section (const char *heading, const char *markup)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (heading);
  GtkWidget *body = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_markup (GTK_LABEL (body), markup);
  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_label_set_xalign (GTK_LABEL (body), 0);
  gtk_label_set_selectable (GTK_LABEL (body), TRUE);
  /* Selectable for copying with the mouse, but not a focus stop: the window would focus the
   * first section and open with all of its text selected. */
  gtk_widget_set_focusable (body, FALSE);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), body);
  return box;
}

GtkWindow *
flx_guide_show (GtkWindow *parent, const char *model_id, const char *model_title)
{
  const GuidePage *p = find_page (model_id);
  GtkWidget *win, *content, *header, *scroller, *clamp, *box;
  g_autofree char *title = NULL;

  g_return_val_if_fail (p != NULL, NULL);

  title = g_strdup_printf (_("Guide: %s"), model_title);
  win = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (win), title);
  gtk_window_set_transient_for (GTK_WINDOW (win), parent);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (win), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (win), 560, 640);
  gtk_widget_add_css_class (win, "flx-guide");

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (title, NULL));
  gtk_box_append (GTK_BOX (content), header);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), section (_("What to Drag"), _(p->drag)));
  gtk_box_append (GTK_BOX (box), section (_("What to Look For"), _(p->look)));
  gtk_box_append (GTK_BOX (box), section (_("Equations"), _(p->equations)));
  gtk_box_append (GTK_BOX (box), section (_("Paper"), _(p->paper)));

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 640);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_box_append (GTK_BOX (content), scroller);
  adw_window_set_content (ADW_WINDOW (win), content);

  /* Escape closes it, like other GNOME secondary windows. */
  {
    GtkEventController *keys = gtk_shortcut_controller_new ();
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
      gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                        gtk_named_action_new ("window.close")));
    gtk_widget_add_controller (win, keys);
  }
  gtk_window_present (GTK_WINDOW (win));
  return GTK_WINDOW (win);
}

/* --- tour ----------------------------------------------------------------------------- */

struct _FlxTour {
  GPtrArray  *targets;  /* GtkWidget*, weak: the window outlives the tour */
  GPtrArray  *texts;    /* char*, translated */
  guint       step;
  GtkWidget  *popover;
  GtkLabel   *label;
  GtkButton  *next;
  GtkLabel   *counter;
  GDestroyNotify done;
  gpointer    done_data;
};

static void tour_show_step (FlxTour *tour);

static void
tour_finish (FlxTour *tour)
{
  GDestroyNotify done = tour->done;
  gpointer done_data = tour->done_data;

  if (tour->popover != NULL)
    {
      GtkWidget *pop = tour->popover;
      tour->popover = NULL;
      g_signal_handlers_disconnect_by_data (pop, tour);
      gtk_popover_popdown (GTK_POPOVER (pop));
      gtk_widget_unparent (pop);
    }
  g_ptr_array_unref (tour->targets);
  g_ptr_array_unref (tour->texts);
  g_free (tour);
  if (done != NULL)
    done (done_data);
}

static void
tour_next_cb (GtkButton *button, FlxTour *tour)
{
  tour->step++;
  if (tour->step >= tour->targets->len)
    tour_finish (tour);
  else
    tour_show_step (tour);
}

static void
tour_skip_cb (GtkButton *button, FlxTour *tour)
{
  tour_finish (tour);
}

/* Escape or a click outside closes the popover: that dismisses the tour too. */
static void
tour_closed_cb (GtkPopover *popover, FlxTour *tour)
{
  tour_finish (tour);
}

static void
tour_show_step (FlxTour *tour)
{
  GtkWidget *target = g_ptr_array_index (tour->targets, tour->step);
  g_autofree char *count = g_strdup_printf (_("%u of %u"), tour->step + 1, tour->targets->len);

  if (tour->popover == NULL)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
      GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *skip = gtk_button_new_with_mnemonic (_("_Skip Tour"));

      tour->popover = gtk_popover_new ();
      gtk_widget_add_css_class (tour->popover, "flx-tour");
      tour->label = GTK_LABEL (gtk_label_new (NULL));
      gtk_label_set_wrap (tour->label, TRUE);
      gtk_label_set_max_width_chars (tour->label, 36);
      gtk_label_set_xalign (tour->label, 0);
      tour->counter = GTK_LABEL (gtk_label_new (NULL));
      gtk_widget_add_css_class (GTK_WIDGET (tour->counter), "dim-label");
      gtk_widget_set_hexpand (GTK_WIDGET (tour->counter), TRUE);
      gtk_label_set_xalign (tour->counter, 0);
      tour->next = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Next")));
      gtk_widget_add_css_class (GTK_WIDGET (tour->next), "suggested-action");
      g_signal_connect (tour->next, "clicked", G_CALLBACK (tour_next_cb), tour);
      g_signal_connect (skip, "clicked", G_CALLBACK (tour_skip_cb), tour);
      gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (tour->counter));
      gtk_box_append (GTK_BOX (buttons), skip);
      gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (tour->next));
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (tour->label));
      gtk_box_append (GTK_BOX (box), buttons);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      gtk_widget_set_margin_start (box, 6);
      gtk_widget_set_margin_end (box, 6);
      gtk_popover_set_child (GTK_POPOVER (tour->popover), box);
      gtk_popover_set_autohide (GTK_POPOVER (tour->popover), FALSE);
      g_signal_connect (tour->popover, "closed", G_CALLBACK (tour_closed_cb), tour);
    }
  else
    {
      /* Move to the next target: closing here must not end the tour. */
      g_signal_handlers_block_by_func (tour->popover, tour_closed_cb, tour);
      gtk_popover_popdown (GTK_POPOVER (tour->popover));
      gtk_widget_unparent (tour->popover);
      g_signal_handlers_unblock_by_func (tour->popover, tour_closed_cb, tour);
    }
  gtk_widget_set_parent (tour->popover, target);
  /* A tall target (a sidebar, a scrolled panel) may be taller than the window: point into its
   * top instead of at its middle, or GTK has no room left for the popover. */
  {
    int w = gtk_widget_get_width (target), h = gtk_widget_get_height (target);
    GdkRectangle r = { MAX (w / 2 - 1, 0), MIN (h / 2, 48), 2, 2 };

    gtk_popover_set_pointing_to (GTK_POPOVER (tour->popover), h > 160 ? &r : NULL);
    gtk_popover_set_position (GTK_POPOVER (tour->popover), GTK_POS_BOTTOM);
  }
  gtk_label_set_markup (tour->label, g_ptr_array_index (tour->texts, tour->step));
  gtk_label_set_text (tour->counter, count);
  gtk_button_set_label (tour->next, tour->step + 1 == tour->targets->len ? _("_Done") : _("_Next"));
  gtk_button_set_use_underline (tour->next, TRUE);
  gtk_popover_popup (GTK_POPOVER (tour->popover));
  gtk_widget_grab_focus (GTK_WIDGET (tour->next));
}

FlxTour *
flx_tour_start (const FlxTourStep *steps, guint n, GDestroyNotify done, gpointer done_data)
{
  FlxTour *tour = g_new0 (FlxTour, 1);

  tour->targets = g_ptr_array_new ();
  tour->texts = g_ptr_array_new_with_free_func (g_free);
  tour->done = done;
  tour->done_data = done_data;
  for (guint i = 0; i < n; i++)
    if (steps[i].target != NULL && gtk_widget_get_mapped (steps[i].target))
      {
        g_ptr_array_add (tour->targets, steps[i].target);
        g_ptr_array_add (tour->texts, g_strdup (steps[i].markup));
      }
  if (tour->targets->len == 0)
    {
      tour_finish (tour);
      return NULL;
    }
  tour_show_step (tour);
  return tour;
}

void
flx_tour_next (FlxTour *tour)
{
  g_return_if_fail (tour != NULL);
  tour_next_cb (NULL, tour);
}

void
flx_tour_stop (FlxTour *tour)
{
  g_return_if_fail (tour != NULL);
  tour_finish (tour);
}

guint
flx_tour_get_step (FlxTour *tour)
{
  return tour->step;
}
