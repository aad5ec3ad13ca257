// Virtual time for real Go's database/sql: the pool reads the time through the package
// variable nowFunc (sql.go), which this program points at a clock that only the fake
// driver's call latencies and the workload's sleeps advance, as the C++ simulation's clock
// is. Conn lifetimes then expire at the same virtual instants on both sides. Wall-clock
// timers of the pool (the connection cleaner ticks after at least 1 s of real time) never
// fire during a run, and neither does the simulation's, whose runs last milliseconds.
package main

import (
	"sync"
	"time"
	_ "unsafe" // go:linkname
)

//go:linkname sqlNowFunc database/sql.nowFunc
var sqlNowFunc func() time.Time

// epochNs is the C++ clock's epoch (sim::Instant::Epoch(), 2^40 ns).
const epochNs = int64(1) << 40

type virtualClock struct {
	mu  sync.Mutex
	now int64 // ns since epoch
}

var clock = &virtualClock{}

func (c *virtualClock) Reset() {
	c.mu.Lock()
	c.now = 0
	c.mu.Unlock()
}

// Since the start of the run, in ns.
func (c *virtualClock) Elapsed() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *virtualClock) Advance(d int64) {
	if d <= 0 {
		return
	}
	c.mu.Lock()
	c.now += d
	c.mu.Unlock()
}

func (c *virtualClock) Now() time.Time {
	return time.Unix(0, epochNs+c.Elapsed())
}

func init() {
	sqlNowFunc = clock.Now
}
