// glibc's mallopt (not in Swift's Glibc module), for the thresholds `convene` fixes at start (main.swift).
#if defined(__linux__)
#include <malloc.h>
#endif
