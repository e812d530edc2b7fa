/* placeholder until FlxPlot lands */ int flx_widgets_placeholder;
