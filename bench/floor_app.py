"""The floor of a cold start (``bench/coldstart.py``): Streamlit serving one line of text,
no data and no map, started with the product's settings. Nothing Frontline does can start
faster than this on the same machine."""

import streamlit as st

st.markdown("Streamlit alone")
