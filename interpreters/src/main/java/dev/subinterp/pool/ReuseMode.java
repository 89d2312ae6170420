package dev.subinterp.pool;

/** Whether a pool's workers keep their interpreter between tasks. */
public enum ReuseMode {
    /** Each worker keeps its interpreter (and its state) from one task to the next. */
    REUSE,
    /** Every task gets a new, pre-warmed interpreter, closed afterwards: no state leaks between tasks. */
    FRESH
}
