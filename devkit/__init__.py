"""Development support shared by the tests (tests/) and the benchmarks (bench/), which never
import each other: a headless Chromium and a static server for a built site (browser), and the
extraction scorer over the gold files of ../shared (scoring). Not part of the installed package.
"""
