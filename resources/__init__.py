"""Files the program reads at run time: the pack and reader templates, the sample clipping and
the application icon. A package only so that ``importlib.resources`` finds the folder wherever
Cuttings is installed (see core/paths.py); it holds no code."""
