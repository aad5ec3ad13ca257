// Confirms on real Go (built with Debian's Go 1.19) what `poolcheck fuzz` found as a
// panic on the fixed pool (scenarios/FINDINGS.md, "Generated workloads", 11): an operation
// on a sql.Conn that races the Conn's close dereferences a nil driver conn.
// (*Conn).grabConn checks c.done and only then takes closemu.RLock; (*Conn).close sets
// c.done, takes closemu.Lock, releases the driver conn and sets c.dc = nil. An operation
// that passed the done check before the close set it, and reaches RLock after the close
// took the write lock, waits for the close to finish and then gets c.dc == nil: PingContext
// panics in (*DB).pingDC. Conn.Close is documented as safe to call concurrently with other
// operations; the close need not even be the user's: when a Rows of the Conn is closed by
// its context's cancel (Rows.awaitDone) and the driver's Rows.Close answers ErrBadConn,
// the Conn closes itself (closemuRUnlockCondReleaseConn), which is what fuzz found.
//
// The window is a few instructions wide, so each trial makes attempts until it sees the
// panic (at most -budget per closer). An attempt: a goroutine pings a fresh Conn in a loop
// while the closer closes it; the pinger stops at the first error (ErrConnDone) or panic.
// Two closers: the user's Conn.Close, and a Rows of the Conn whose context is cancelled
// (the driver's Rows.Close says ErrBadConn). Reproduced when both panics are the nil
// dereference, raised in database/sql.(*DB).pingDC. The control makes as many attempts
// with the close done before the next ping (the driver saw its conn closed): every ping
// after it must fail with ErrConnDone, none may panic.
//
// Needs two Ps (GOMAXPROCS is raised to 2): the two goroutines must run at once. Prints
// one line (`confirm conn_grab_after_close_panics ... result=confirmed|not-confirmed`) and
// exits 0 when the share of trials that reproduced is at least -share and all trials took
// at most -within; 1 when not; 2 on bad flags.
package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"poolcheck/confirm/trials"
)

// A closer ends a Conn one way: close starts it (it may finish on another goroutine),
// settled waits until it has finished, given the Conn's driver conn.
type closer struct {
	name    string
	close   func(c *sql.Conn) error
	settled func(dc *fakeConn) error
}

var closers = []closer{
	// The user's Conn.Close: it has finished when it returns.
	{"Conn.Close", func(c *sql.Conn) error { c.Close(); return nil },
		func(*fakeConn) error { return nil }},
	// A Rows of the Conn whose context is cancelled: Rows.awaitDone closes it, the driver's
	// Rows.Close answers ErrBadConn and the Conn closes itself, closing the driver conn.
	{"Rows.awaitDone", closeByRowsCancel, waitDriverClosed},
}

func closeByRowsCancel(c *sql.Conn) error {
	ctx, cancel := context.WithCancel(context.Background())
	if _, err := c.QueryContext(ctx, "SELECT"); err != nil {
		cancel()
		return err
	}
	cancel()
	return nil
}

func waitDriverClosed(dc *fakeConn) error {
	select {
	case <-dc.closed:
		return nil
	case <-time.After(5 * time.Second):
		return errors.New("control: the pool did not close the driver conn within 5s")
	}
}

// pingUntilError pings c until a ping fails; it closes started after the first ping. It
// returns the stack of a nil-dereference panic ("" if none); any other panic is an error.
func pingUntilError(c *sql.Conn, started chan<- struct{}) (stack string, err error) {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		if e, ok := r.(runtime.Error); ok && strings.Contains(e.Error(), "nil pointer dereference") {
			stack = string(debug.Stack())
			return
		}
		err = fmt.Errorf("unexpected panic: %v", r)
	}()
	ctx := context.Background()
	for first := true; ; first = false {
		pingErr := c.PingContext(ctx)
		if first {
			close(started)
		}
		if pingErr != nil {
			return "", nil
		}
	}
}

// race makes one attempt: another goroutine pings a fresh Conn while cl closes it.
func race(db *sql.DB, cl closer) (stack string, err error) {
	c, err := db.Conn(context.Background())
	if err != nil {
		return "", err
	}
	started := make(chan struct{})
	type outcome struct {
		stack string
		err   error
	}
	done := make(chan outcome, 1)
	go func() {
		s, e := pingUntilError(c, started)
		done <- outcome{s, e}
	}()
	<-started
	if err := cl.close(c); err != nil {
		return "", err
	}
	o := <-done
	return o.stack, o.err
}

// attemptsToPanic races cl until the pinger panics in (*DB).pingDC; it returns the
// attempts made, or 0 if none panicked within budget.
func attemptsToPanic(cl closer, budget time.Duration) (int, error) {
	db := sql.OpenDB(connector{})
	defer db.Close()
	deadline := time.Now().Add(budget)
	for n := 1; time.Now().Before(deadline); n++ {
		stack, err := race(db, cl)
		if err != nil {
			return 0, err
		}
		if stack != "" {
			if !strings.Contains(stack, "database/sql.(*DB).pingDC") {
				return 0, fmt.Errorf("%s: nil dereference outside pingDC:\n%s", cl.name, stack)
			}
			return n, nil
		}
	}
	return 0, nil
}

// closedThenPinged is the control: ping, close, wait until the close has finished, ping
// again; the second ping must fail with ErrConnDone (and not panic).
func closedThenPinged(db *sql.DB, cl closer) error {
	ctx := context.Background()
	c, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	if err := c.PingContext(ctx); err != nil {
		return err
	}
	var dc *fakeConn
	if err := c.Raw(func(d any) error { dc = d.(*fakeConn); return nil }); err != nil {
		return err
	}
	if err := cl.close(c); err != nil {
		return err
	}
	if err := cl.settled(dc); err != nil {
		return err
	}
	if err := c.PingContext(ctx); !errors.Is(err, sql.ErrConnDone) {
		return fmt.Errorf("control (%s): ping after the close got %v, want ErrConnDone", cl.name, err)
	}
	return nil
}

// trial: each closer panics a racing ping within budget, and the control makes as many
// attempts without a panic.
func trial(budget time.Duration, verbose bool) func() (bool, error) {
	return func() (bool, error) {
		reproduced := true
		for _, cl := range closers {
			n, err := attemptsToPanic(cl, budget)
			if err != nil {
				return false, err
			}
			if verbose {
				fmt.Fprintf(os.Stderr, "%s: panic after %d attempts (0: none)\n", cl.name, n)
			}
			reproduced = reproduced && n > 0
			db := sql.OpenDB(connector{})
			for i := 0; i < n; i++ {
				if err := closedThenPinged(db, cl); err != nil {
					db.Close()
					return false, err
				}
			}
			db.Close()
		}
		return reproduced, nil
	}
}

func main() {
	fs := flag.NewFlagSet("conn_grab_after_close_panics", flag.ContinueOnError)
	opts := trials.Flags(fs, 10)
	budget := fs.Duration("budget", 10*time.Second, "time each closer has to hit the race, per trial")
	verbose := fs.Bool("v", false, "print the attempts each closer took")
	trials.Parse(fs, opts)
	if runtime.GOMAXPROCS(0) < 2 {
		runtime.GOMAXPROCS(2)
	}
	trials.Run("conn_grab_after_close_panics", opts, trial(*budget, *verbose))
}
