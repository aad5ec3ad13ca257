// Comparing what real Go did with what the C++ pool did: the driver call log call by call
// (kind, conn, object, query, result, fault rule, virtual start and end), each top-level
// op's error, and Stats() before and after the final Close.
package main

import (
	"fmt"
	"regexp"
)

// goroutineRef: where a C++ misuse text names a goroutine (and the call it made); Go's
// goroutines are not the simulation's, so these parts are left out of the comparison.
var goroutineRef = regexp.MustCompile(` by goroutine \d+ "[^"]*"( \(call #\d+\))?`)

// withoutGoroutines: the C++ outcome with goroutine references taken out of its texts.
func withoutGoroutines(o outcome) outcome {
	calls := make([]callRecord, len(o.Calls))
	for i, c := range o.Calls {
		c.Status = goroutineRef.ReplaceAllString(c.Status, "")
		calls[i] = c
	}
	ops := make([]opOutcome, len(o.Ops))
	for i, op := range o.Ops {
		op.Error = goroutineRef.ReplaceAllString(op.Error, "")
		ops[i] = op
	}
	o.Calls, o.Ops = calls, ops
	return o
}

// maxReported: differences listed per case (the first is the one that matters).
const maxReported = 5

func (c callRecord) String() string {
	return fmt.Sprintf("%s conn=%d obj=%d %q -> %s (rule %d) @%d..%d", c.Kind, c.Conn, c.Object,
		c.Detail, c.Status, c.FaultRule, c.StartNs, c.EndNs)
}

// compareOutcomes lists the differences, C++ first, Go second; none: identical.
func compareOutcomes(cpp, golang outcome) []string {
	cpp = withoutGoroutines(cpp)
	var diffs []string
	add := func(format string, args ...any) {
		if len(diffs) < maxReported {
			diffs = append(diffs, fmt.Sprintf(format, args...))
		}
	}
	if cpp.RunFailure != "" || golang.RunFailure != "" {
		add("run failure: C++ %q, Go %q", cpp.RunFailure, golang.RunFailure)
	}
	for i := 0; i < len(cpp.Calls) || i < len(golang.Calls); i++ {
		switch {
		case i >= len(cpp.Calls):
			add("driver call #%d: C++ made no more calls, Go made %v", i+1, golang.Calls[i])
		case i >= len(golang.Calls):
			add("driver call #%d: C++ made %v, Go made no more calls", i+1, cpp.Calls[i])
		case cpp.Calls[i] != golang.Calls[i]:
			add("driver call #%d: C++ %v, Go %v", i+1, cpp.Calls[i], golang.Calls[i])
		default:
			continue
		}
		break // the calls after the first difference differ for its sake
	}
	for i := 0; i < len(cpp.Ops) || i < len(golang.Ops); i++ {
		switch {
		case i >= len(cpp.Ops) || i >= len(golang.Ops):
			add("ops: C++ reports %d, Go %d", len(cpp.Ops), len(golang.Ops))
		case cpp.Ops[i].Client != golang.Ops[i].Client || cpp.Ops[i].Op != golang.Ops[i].Op:
			add("op #%d: C++ is client %d op %d, Go client %d op %d", i, cpp.Ops[i].Client,
				cpp.Ops[i].Op, golang.Ops[i].Client, golang.Ops[i].Op)
		case cpp.Ops[i].Error != golang.Ops[i].Error:
			add("client %d op %d (%s): C++ error %q, Go error %q", cpp.Ops[i].Client, cpp.Ops[i].Op,
				cpp.Ops[i].Label, cpp.Ops[i].Error, golang.Ops[i].Error)
			continue
		default:
			continue
		}
		break
	}
	if cpp.StatsBeforeClose != golang.StatsBeforeClose {
		add("Stats() before Close: C++ %+v, Go %+v", cpp.StatsBeforeClose, golang.StatsBeforeClose)
	}
	if cpp.Stats != golang.Stats {
		add("Stats() at the end: C++ %+v, Go %+v", cpp.Stats, golang.Stats)
	}
	return diffs
}
