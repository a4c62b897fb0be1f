"""Development support shared by the tests (tests/) and the benchmarks (bench/), which never
import each other: a headless Chromium and a static server for a built site (browser), the
extraction scorer over the gold files of ../shared (scoring), and hostile article shapes of any
size for the complexity tests and benchmark (shapes). Not part of the installed package.
"""
