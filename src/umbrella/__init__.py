"""umbrella — a computational laboratory for US extended nuclear deterrence.

Data flows one way: evidence → theory | games | dynamics → experiments → claims → views.
"""
__version__ = "0.1.0"
