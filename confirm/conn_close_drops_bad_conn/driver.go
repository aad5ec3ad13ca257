// A minimal database/sql driver for this program: conns that implement only Prepare,
// Close and Begin (no driver.SessionResetter, no driver.Validator, so the pool learns a
// conn is bad only from driver.ErrBadConn), and a Tx whose Rollback answers ErrBadConn.
// In race mode Rollback first waits until a goroutine is blocked in (*Conn).close (the
// user's Conn.Close waiting for the Tx to release closemu), found in runtime.Stack.
package main

import (
	"context"
	"database/sql/driver"
	"errors"
	"runtime"
	"strings"
	"sync"
	"time"
)

type fakeDriver struct {
	race            bool
	wait            time.Duration
	rollbackStarted chan *conn // the conn whose Rollback runs, once
}

func newDriver(race bool, wait time.Duration) *fakeDriver {
	return &fakeDriver{race: race, wait: wait, rollbackStarted: make(chan *conn, 1)}
}

func (d *fakeDriver) Connect(context.Context) (driver.Conn, error) {
	return &conn{d: d, closed: make(chan struct{})}, nil
}
func (d *fakeDriver) Driver() driver.Driver { return nil }

type conn struct {
	d         *fakeDriver
	mu        sync.Mutex
	failed    bool // a Rollback on it answered ErrBadConn
	closeOnce sync.Once
	closed    chan struct{}
}

func (c *conn) Prepare(string) (driver.Stmt, error) { return nil, errors.New("not used") }
func (c *conn) Begin() (driver.Tx, error)           { return &tx{c: c}, nil }
func (c *conn) Close() error {
	c.closeOnce.Do(func() { close(c.closed) })
	return nil
}

func (c *conn) rollbackFailed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.failed
}

// waitClosed reports whether the pool closed the conn within d.
func (c *conn) waitClosed(d time.Duration) bool {
	select {
	case <-c.closed:
		return true
	case <-time.After(d):
		return false
	}
}

type tx struct{ c *conn }

func (t *tx) Commit() error { return errors.New("not used") }
func (t *tx) Rollback() error {
	t.c.d.rollbackStarted <- t.c
	if t.c.d.race {
		waitForConnCloseBlocked(t.c.d.wait)
	}
	t.c.mu.Lock()
	t.c.failed = true
	t.c.mu.Unlock()
	return driver.ErrBadConn
}

// waitForConnCloseBlocked waits (at most d) until some goroutine is in (*Conn).close
// blocked on its closemu's Lock.
func waitForConnCloseBlocked(d time.Duration) {
	deadline := time.Now().Add(d)
	buf := make([]byte, 1<<20)
	for time.Now().Before(deadline) {
		for _, g := range strings.Split(string(buf[:runtime.Stack(buf, true)]), "\n\n") {
			if strings.Contains(g, "database/sql.(*Conn).close(") &&
				strings.Contains(g, "sync.(*RWMutex).Lock(") {
				return
			}
		}
		time.Sleep(time.Millisecond)
	}
}
