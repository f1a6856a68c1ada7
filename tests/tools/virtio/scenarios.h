/* The harness's scenarios, each a function that CHECKs what the daemon did. */
#ifndef SCENARIOS_H
#define SCENARIOS_H

struct scenario {
    const char *name;
    void (*run)(void);
};

const struct scenario *find_scenario(const char *name);

#endif
