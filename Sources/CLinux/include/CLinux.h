// The few Linux interfaces that Glibc does not expose to Swift: epoll, eventfd, timerfd,
// plus the flag constants Swift imports as enums or not at all.
#ifndef GUICHET_CLINUX_H
#define GUICHET_CLINUX_H

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <sys/socket.h>
#include <netinet/tcp.h>
#include <stdint.h>

static inline uint32_t clinux_epollin(void) { return EPOLLIN; }
static inline uint32_t clinux_epollout(void) { return EPOLLOUT; }
static inline uint32_t clinux_epollerr(void) { return EPOLLERR; }
static inline uint32_t clinux_epollhup(void) { return EPOLLHUP; }
static inline uint32_t clinux_epollrdhup(void) { return EPOLLRDHUP; }
static inline uint32_t clinux_epollet(void) { return EPOLLET; }
static inline int clinux_epoll_cloexec(void) { return EPOLL_CLOEXEC; }
static inline int clinux_efd_nonblock(void) { return EFD_NONBLOCK; }
static inline int clinux_efd_cloexec(void) { return EFD_CLOEXEC; }
static inline int clinux_sock_nonblock(void) { return SOCK_NONBLOCK; }
static inline int clinux_sock_cloexec(void) { return SOCK_CLOEXEC; }

/// The epoll_event's data as a 64-bit token (the struct is packed, which Swift cannot import well).
static inline uint64_t clinux_epoll_event_token(const struct epoll_event *event) { return event->data.u64; }
static inline uint32_t clinux_epoll_event_events(const struct epoll_event *event) { return event->events; }

/// epoll_ctl with a 64-bit token instead of the packed struct.
int clinux_epoll_ctl(int epfd, int op, int fd, uint32_t events, uint64_t token);

/// accept4(2), which glibc declares only under _GNU_SOURCE.
int clinux_accept4(int fd, struct sockaddr *address, socklen_t *length, int flags);

#endif
