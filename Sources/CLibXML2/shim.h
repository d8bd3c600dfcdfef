#ifndef LITKB_CLIBXML2_SHIM_H
#define LITKB_CLIBXML2_SHIM_H

#include <libxml/xmlreader.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

// Swift 6 strict concurrency rejects libxml2's global function pointer `xmlFree`;
// a plain C function around it is safe to call from any context.
static inline void litkb_xml_free(void *pointer) {
    xmlFree(pointer);
}

#endif
