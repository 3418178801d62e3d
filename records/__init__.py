"""The bottom layer: plain records passed between stages, and safe reading of data and settings files.

Every other package may import this one; it imports nothing of ours.
"""
