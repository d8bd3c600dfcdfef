#ifndef LITKB_CLIBXML2_SHIM_H
#define LITKB_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
// Debian's libxml2 is built with ICU, and its encoding.h then includes the system's ICU headers,
// whose UErrorCode clashes with the copy inside Foundation (_FoundationICU) in any module that
// imports both. litkb never touches the ICU members of xmlCharEncodingHandler (it only holds
// pointers to it), so the ICU include is switched off for this module.
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlreader.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

// Swift 6 strict concurrency rejects libxml2's global function pointer `xmlFree`;
// a plain C function around it is safe to call from any context.
static inline void litkb_xml_free(void *pointer) {
    xmlFree(pointer);
}

// libxml2's I/O layer reports a failed read (a truncated gzip stream) through the thread's
// global error handler, which prints to stderr by default. litkb reports the failure itself, so
// this read runs with a handler that drops the message, then restores the previous one.
static inline void litkb_ignore_xml_error(void *context, xmlErrorPtr error) {
    (void)context;
    (void)error;
}

static inline int litkb_read_input_quietly(xmlParserInputBufferPtr input, char *buffer, int length) {
    xmlStructuredErrorFunc savedHandler = xmlStructuredError;
    void *savedContext = xmlStructuredErrorContext;
    xmlSetStructuredErrorFunc(NULL, litkb_ignore_xml_error);
    int read = input->readcallback != NULL ? input->readcallback(input->context, buffer, length) : -1;
    xmlSetStructuredErrorFunc(savedContext, savedHandler);
    return read;
}

#endif
