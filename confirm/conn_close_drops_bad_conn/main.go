// Confirms on real Go (built with Debian's Go 1.19) what `poolcheck fuzz` found as an I5
// failure on every modelled version (scenarios/FINDINGS.md, "Generated workloads", 4 and
// 6): when a sql.Conn's Close races the end of a transaction on it, the transaction's
// driver.ErrBadConn verdict is lost and the pool hands the failed driver conn to the
// next caller. (*Conn).closemuRUnlockCondReleaseConn passes the verdict to (*Conn).close,
// whose CAS on c.done fails because Close already set it; Close then releases the conn
// with a nil error.
//
// Each trial, on a fresh DB (maxOpen 1) over a driver whose conns implement neither
// driver.SessionResetter nor driver.Validator and whose Tx.Rollback answers ErrBadConn:
//   - race: take a Conn, BeginTx under a context, cancel it. Tx.awaitDone starts the
//     rollback; the driver's Rollback waits until the Conn's Close (called right after
//     the cancel) is seen blocked in (*Conn).close waiting for closemu, then answers
//     ErrBadConn. The next db.Conn's Raw gets the conn whose Rollback failed: reproduced.
//   - control: the same, but Close is called only after the driver has closed the failed
//     conn (the verdict was applied): the next caller must get a new conn, so the check
//     can fail.
//
// Prints one line (`confirm conn_close_drops_bad_conn ... result=confirmed|not-confirmed`)
// and exits 0 when the share of trials that reproduced (race handed the failed conn on,
// control did not) is at least -share and all trials took at most -within; 1 when not; 2
// on bad flags.
package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"time"

	"poolcheck/confirm/trials"
)

// nextCallerConn returns the driver conn the pool hands to the next db.Conn caller.
func nextCallerConn(db *sql.DB) (*conn, error) {
	c, err := db.Conn(context.Background())
	if err != nil {
		return nil, err
	}
	defer c.Close()
	var got *conn
	err = c.Raw(func(dc any) error {
		got = dc.(*conn)
		return nil
	})
	return got, err
}

// endTxAndClose begins a Tx on a Conn, cancels its context and closes the Conn: with
// race, while the rollback is still in the driver; without, once the pool has closed the
// conn whose Rollback failed. It returns the conn the rollback failed and the next
// caller's conn.
func endTxAndClose(race bool, wait time.Duration) (failed, next *conn, err error) {
	d := newDriver(race, wait)
	db := sql.OpenDB(d)
	defer db.Close()
	db.SetMaxOpenConns(1)
	c, err := db.Conn(context.Background())
	if err != nil {
		return nil, nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if _, err := c.BeginTx(ctx, nil); err != nil {
		return nil, nil, err
	}
	cancel() // Tx.awaitDone rolls back
	failed = <-d.rollbackStarted
	if !race {
		if !failed.waitClosed(wait) {
			return nil, nil, errors.New("control: the pool did not close the failed conn")
		}
	}
	closeErr := c.Close()
	if race && closeErr != nil {
		return nil, nil, fmt.Errorf("race: Conn.Close returned %v", closeErr)
	}
	if !race && !errors.Is(closeErr, sql.ErrConnDone) {
		return nil, nil, fmt.Errorf("control: Conn.Close returned %v, want ErrConnDone", closeErr)
	}
	next, err = nextCallerConn(db)
	return failed, next, err
}

func main() {
	fs := flag.NewFlagSet("conn_close_drops_bad_conn", flag.ContinueOnError)
	opts := trials.Flags(fs, 20)
	wait := fs.Duration("wait", 5*time.Second, "how long the driver waits to see Close blocked")
	trials.Parse(fs, opts)
	trials.Run("conn_close_drops_bad_conn", opts, func() (bool, error) {
		failed, next, err := endTxAndClose(true, *wait)
		if err != nil {
			return false, err
		}
		reused := next == failed && failed.rollbackFailed()
		cFailed, cNext, err := endTxAndClose(false, *wait)
		if err != nil {
			return false, err
		}
		controlReused := cNext == cFailed
		return reused && !controlReused, nil
	})
}
