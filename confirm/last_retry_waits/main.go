// Confirms on real Go (built with Debian's Go 1.19) the known bug poolcheck names
// last-retry-waits-beside-idle (invariant I3): the last retry of an operation, which Go's
// ExecContext makes with alwaysNewConn after two driver.ErrBadConn, never takes an idle
// conn and waits in connRequests when numOpen is at maxOpen, even if every open conn sits
// idle; with context.Background() nothing ever ends the wait.
//
// Each trial forces this schedule with the gates of the fake driver (driver.go), on a DB
// with SetMaxOpenConns(2) and clients A and B each running one ExecContext(Background):
//  1. A and B each open a conn and block in their first Exec (numOpen 2).
//  2. W, a helper with a cancellable context, waits in connRequests.
//  3. A's Exec fails with ErrBadConn: A closes its conn; finalClose's
//     maybeOpenNewConnections asks the opener for a conn for W (numOpen 2 again) and the
//     opener blocks in Connect (connect#3); A's second attempt waits.
//  4. B's Exec fails likewise: a second open is queued for the opener; B's second
//     attempt waits. W is cancelled and leaves: A and B wait, both on their second
//     attempt, and numOpen counts the two opens the opener owes.
//  5. connect#3 fails with ErrBadConn. The opener hands the error to one waiter, R (the
//     map order picks A or B), and opens two conns at once: one goes to the other
//     waiter, O, whose Exec succeeds; the other finds no waiter and goes idle; O's conn
//     goes idle too. R's third attempt (alwaysNewConn) then finds numOpen == maxOpen and
//     waits, beside two idle conns, for a release that never comes.
//
// Step 5 needs O to run before R, which Go's scheduler gives with GOMAXPROCS=1 (the
// goroutine readied last runs first); the other steps are forced by the gates. A trial
// reproduces the bug when one caller returns success and the other stays blocked for
// -hold while db.Stats() shows conns idle and none in use.
//
// Prints one line (`confirm last_retry_waits ... result=confirmed|not-confirmed`) and
// exits 0 when the share of trials that reproduced is at least -share and all trials took
// at most -within, 1 when not, 2 on bad flags.
package main

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"flag"
	"fmt"
	"os"
	"runtime"
	"time"
)

type options struct {
	trials     int
	share      float64
	hold       time.Duration
	setup      time.Duration
	within     time.Duration
	gomaxprocs int
	verbose    bool
}

// outcome of one ExecContext of a client.
type outcome struct {
	client string
	err    error
}

// trial is one DB, its driver script and its clients.
type trial struct {
	opt      options
	s        *script
	db       *sql.DB
	results  chan outcome
	started  int // clients started
	received int // outcomes read from results
}

func newTrial(opt options) *trial {
	s := newScript("exec A#1", "exec B#1", "connect#3")
	db := sql.OpenDB(connector{s})
	db.SetMaxOpenConns(2)
	db.SetMaxIdleConns(2)
	return &trial{opt: opt, s: s, db: db, results: make(chan outcome, 3)}
}

func (t *trial) start(ctx context.Context, client string) {
	t.started++
	go func() {
		_, err := t.db.ExecContext(ctx, client)
		t.results <- outcome{client, err}
	}()
}

// next returns the next client outcome, or false if none comes within d.
func (t *trial) next(d time.Duration) (outcome, bool) {
	select {
	case o := <-t.results:
		t.received++
		return o, true
	case <-time.After(d):
		return outcome{}, false
	}
}

// await waits for the named driver call to start.
func (t *trial) await(name string) error {
	select {
	case <-t.s.Entered(name):
		return nil
	case <-time.After(t.opt.setup):
		return fmt.Errorf("setup: %s did not start within %v", name, t.opt.setup)
	}
}

// awaitWaits waits until n requests have been queued in connRequests (Stats().WaitCount).
func (t *trial) awaitWaits(n int64) error {
	deadline := time.Now().Add(t.opt.setup)
	for t.db.Stats().WaitCount < n {
		if time.Now().After(deadline) {
			return fmt.Errorf("setup: WaitCount %d, want %d", t.db.Stats().WaitCount, n)
		}
		time.Sleep(100 * time.Microsecond)
	}
	return nil
}

// forceSchedule runs steps 1-4 of the header comment.
func (t *trial) forceSchedule() error {
	t.start(context.Background(), "A")
	if err := t.await("exec A#1"); err != nil {
		return err
	}
	t.start(context.Background(), "B")
	if err := t.await("exec B#1"); err != nil {
		return err
	}
	wctx, cancelW := context.WithCancel(context.Background())
	defer cancelW()
	t.start(wctx, "W")
	if err := t.awaitWaits(1); err != nil {
		return err
	}
	t.s.Release("exec A#1", driver.ErrBadConn)
	if err := t.await("connect#3"); err != nil {
		return err
	}
	if err := t.awaitWaits(2); err != nil {
		return err
	}
	t.s.Release("exec B#1", driver.ErrBadConn)
	if err := t.awaitWaits(3); err != nil {
		return err
	}
	cancelW()
	if w, ok := t.next(t.opt.setup); !ok || w.client != "W" || w.err != context.Canceled {
		return fmt.Errorf("setup: helper W did not leave alone (got %q: %v)", w.client, w.err)
	}
	return nil
}

// run runs the trial and says whether the caller stayed blocked beside idle conns.
func (t *trial) run() (bool, string) {
	defer t.cleanup()
	if err := t.forceSchedule(); err != nil {
		return false, err.Error()
	}
	t.s.Release("connect#3", driver.ErrBadConn) // step 5
	first, ok := t.next(t.opt.setup)
	if !ok {
		return false, "neither A nor B returned"
	}
	if first.err != nil {
		return false, fmt.Sprintf("%s returned first with error %v", first.client, first.err)
	}
	if second, ok := t.next(t.opt.hold); ok {
		return false, fmt.Sprintf("%s returned too (err %v): no hang", second.client, second.err)
	}
	st := t.db.Stats()
	detail := fmt.Sprintf("%s done; the other blocked %v with open=%d idle=%d in_use=%d wait_count=%d",
		first.client, t.opt.hold, st.OpenConnections, st.Idle, st.InUse, st.WaitCount)
	// WaitCount 4: W, A's and B's second attempts, and R's last one.
	return st.Idle > 0 && st.InUse == 0 && st.WaitCount == 4, detail
}

// cleanup fails any gated call, closes the DB (which ends a waiting caller with
// "database is closed") and waits for the clients still running.
func (t *trial) cleanup() {
	close(t.s.abort)
	t.db.Close()
	for t.received < t.started {
		if _, ok := t.next(t.opt.setup); !ok {
			fmt.Fprintf(os.Stderr, "last_retry_waits: a client did not end after db.Close\n")
			os.Exit(1)
		}
	}
}

func parseFlags(args []string) (options, error) {
	fs := flag.NewFlagSet("last_retry_waits", flag.ContinueOnError)
	var opt options
	fs.IntVar(&opt.trials, "trials", 40, "number of trials")
	fs.Float64Var(&opt.share, "share", 0.5, "share of trials that must reproduce (0..1)")
	fs.DurationVar(&opt.hold, "hold", 200*time.Millisecond, "how long the caller must stay blocked")
	fs.DurationVar(&opt.setup, "setup", 2*time.Second, "time limit for each forced step of a trial")
	fs.DurationVar(&opt.within, "within", time.Minute, "time limit for all trials together")
	fs.IntVar(&opt.gomaxprocs, "gomaxprocs", 1, "GOMAXPROCS for the trials")
	fs.BoolVar(&opt.verbose, "v", false, "print one line per trial")
	if err := fs.Parse(args); err != nil {
		return opt, err
	}
	if opt.trials < 1 || opt.share < 0 || opt.share > 1 || opt.hold <= 0 || opt.setup <= 0 || opt.within <= 0 ||
		opt.gomaxprocs < 1 || fs.NArg() != 0 {
		return opt, fmt.Errorf("bad flags: need -trials >= 1, 0 <= -share <= 1, positive durations, -gomaxprocs >= 1")
	}
	return opt, nil
}

func main() {
	opt, err := parseFlags(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "last_retry_waits:", err)
		os.Exit(2)
	}
	runtime.GOMAXPROCS(opt.gomaxprocs)
	began := time.Now()
	reproduced := 0
	for i := 0; i < opt.trials; i++ {
		ok, detail := newTrial(opt).run()
		if ok {
			reproduced++
		}
		if opt.verbose {
			fmt.Printf("trial %d reproduced=%v: %s\n", i, ok, detail)
		}
	}
	elapsed := time.Since(began)
	share := float64(reproduced) / float64(opt.trials)
	result, code := "confirmed", 0
	if share < opt.share || elapsed > opt.within {
		result, code = "not-confirmed", 1
	}
	fmt.Printf("confirm last_retry_waits go=%s gomaxprocs=%d trials=%d reproduced=%d share=%.2f required=%.2f hold_ms=%d elapsed_ms=%d within_ms=%d result=%s\n",
		runtime.Version(), opt.gomaxprocs, opt.trials, reproduced, share, opt.share,
		opt.hold.Milliseconds(), elapsed.Milliseconds(), opt.within.Milliseconds(), result)
	os.Exit(code)
}
